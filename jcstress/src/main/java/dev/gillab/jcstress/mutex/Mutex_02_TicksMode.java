package dev.gillab.jcstress.mutex;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.gillab.jcstress.HeldCounter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Mutual exclusion of the old GIL (CPython 3.1 and earlier, ticks mode).
 *
 * <p>The same held increment as {@link Mutex_01_SwitchMode}, with a check interval of 1: every
 * poll releases the lock and takes it straight back, with no hand-off, so the two polls around
 * the increment are two forced drops and re-takes each, racing the other thread's take (the
 * "GIL battle"). Uncontended, the re-take is the lock's fast path; contended, its slow path.
 *
 * <p>Waiters in ticks mode wait without a time-out: a lost wake-up here would hang the test,
 * which the bounded run's time limit turns into a failure. {@code WakeUp_01_ReleaseWakesWaiter}
 * checks wake-ups directly, in switch mode, where a lost one costs a time-out instead.
 */
@JCStressTest
@Description("Ticks mode: two threads are never in the held region at once.")
@Outcome(id = {"1, 2", "2, 1"}, expect = ACCEPTABLE, desc = "The held regions ran one after the other.")
@Outcome(id = "1, 1", expect = FORBIDDEN,
        desc = "Both threads incremented from 0: they were in the held region at once.")
@Outcome(expect = FORBIDDEN, desc = "Anything else is impossible.")
@State
public class Mutex_02_TicksMode {

    private final HeldCounter counter = new HeldCounter(InterpreterConfig.of(LockMode.TICKS).withCheckInterval(1));

    @Actor
    public void actor1(II_Result r) {
        r.r1 = counter.incrementWhileHolding();
    }

    @Actor
    public void actor2(II_Result r) {
        r.r2 = counter.incrementWhileHolding();
    }
}
