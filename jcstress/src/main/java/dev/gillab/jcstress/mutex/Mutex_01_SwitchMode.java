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
 * Mutual exclusion of the new GIL (CPython 3.2+, switch mode).
 *
 * <p>Two threads each take the lock, poll, increment a plain shared counter, poll and leave
 * ({@link HeldCounter}). The switch interval is 1 us, so a thread that finds the lock taken
 * posts a drop request almost at once and the holder's next poll hands the lock over (forced
 * switching): the test runs through timed waits, drop requests, hand-offs and final drops.
 *
 * <p>If the lock is exclusive, the increments run one after the other and the two threads see
 * 1 and 2. If both threads could be in the held region at once, both could read 0 and see 1.
 */
@JCStressTest
@Description("Switch mode: two threads are never in the held region at once.")
@Outcome(id = {"1, 2", "2, 1"}, expect = ACCEPTABLE, desc = "The held regions ran one after the other.")
@Outcome(id = "1, 1", expect = FORBIDDEN,
        desc = "Both threads incremented from 0: they were in the held region at once.")
@Outcome(expect = FORBIDDEN, desc = "Anything else is impossible.")
@State
public class Mutex_01_SwitchMode {

    private final HeldCounter counter = new HeldCounter(
            InterpreterConfig.of(LockMode.SWITCH).withSwitchIntervalMicros(1));

    @Actor
    public void actor1(II_Result r) {
        r.r1 = counter.incrementWhileHolding();
    }

    @Actor
    public void actor2(II_Result r) {
        r.r2 = counter.incrementWhileHolding();
    }
}
