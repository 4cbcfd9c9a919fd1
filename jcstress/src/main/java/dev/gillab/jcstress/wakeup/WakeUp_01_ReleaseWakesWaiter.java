package dev.gillab.jcstress.wakeup;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * No lost wake-up: a thread waiting for the lock is woken by the release, not by its time-out.
 *
 * <p>The hazard: a waiter checks "locked", decides to sleep, and the holder releases between
 * the check and the sleep, signalling nobody; the waiter then sleeps although the lock is free.
 * CPython rules it out by checking and sleeping under the mutex that the release also takes.
 * The simulation's uncontended release skips that mutex (a compare-and-set on the lock word
 * that succeeds only while nobody is queued), so this test runs the race directly.
 *
 * <p>How it cannot hang: in switch mode every wait is timed, one switch interval, here one
 * second. A waiter whose wake-up was lost still wakes after a second, finds the lock free and
 * takes it; it has counted a wait time-out on its way. A correct release wakes it within
 * microseconds, and the holder below never holds the lock for anything near a second, so a
 * time-out can only mean a lost wake-up. The arbiter reads the count from the lock's own
 * statistics.
 *
 * <p>Each thread first waits, a bounded number of spins, for the other to arrive at the same
 * state (jcstress runs the actors over the same array of states without a barrier between
 * states; this rendezvous keeps them in step, so that they really compete for each lock).
 * Then it takes the lock, spins again, bounded and only if the other came, until the other is
 * queued for the lock, records whether it is, releases the lock around an empty native call,
 * takes it back and leaves. When the threads overlap, the lock changes hands several times per
 * run: the first holder's release wakes the second, whose release wakes the first (queued for
 * its re-take), whose final drop wakes the second again (queued for its own re-take).
 */
@JCStressTest
@Description("Switch mode: a release wakes a thread that waits for the lock.")
@Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "The threads did not overlap: nobody had to be woken.")
@Outcome(id = {"1, 0, 0", "0, 1, 0"}, expect = ACCEPTABLE_INTERESTING,
        desc = "One thread found the other queued, and its release woke it.")
@Outcome(id = "1, 1, 0", expect = ACCEPTABLE_INTERESTING,
        desc = "Each thread found the other queued in turn, and every release woke the waiter.")
@Outcome(expect = FORBIDDEN,
        desc = "A waiter slept until its time-out although the lock had been released: a lost wake-up.")
@State
public class WakeUp_01_ReleaseWakesWaiter {

    /** Far longer than any holding below: a time-out can only come from a lost wake-up. */
    private static final long INTERVAL_MICROS = 1_000_000;
    /** At most this many spins (about 20 ns each) waiting for the other thread to arrive. */
    private static final int ARRIVAL_SPINS = 1_000;
    /**
     * At most this many spins waiting for the other thread to queue for the lock: longer than a
     * parked thread takes to wake up (tens of microseconds here), since the other thread may
     * first have to wait for the lock's mutex.
     */
    private static final int QUEUE_SPINS = 10_000;

    private final Interpreter interpreter = Interpreter.create(
            InterpreterConfig.of(LockMode.SWITCH).withSwitchIntervalMicros(INTERVAL_MICROS));
    /** Actors that have arrived at this state: the rendezvous. */
    private final AtomicInteger arrived = new AtomicInteger();

    @Actor
    public void actor1(III_Result r) {
        r.r1 = holdUntilOtherQueuesThenRelease();
    }

    @Actor
    public void actor2(III_Result r) {
        r.r2 = holdUntilOtherQueuesThenRelease();
    }

    @Arbiter
    public void timeOuts(III_Result r) {
        r.r3 = (int) interpreter.stats().total().waitTimeouts();
    }

    /** Returns how many threads were queued for the lock when this one released it. */
    private int holdUntilOtherQueuesThenRelease() {
        boolean met = rendezvous();
        interpreter.attach();
        try {
            for (int i = 0; met && i < QUEUE_SPINS && interpreter.waiters() == 0; i++) {
                Thread.onSpinWait();
            }
            int queued = interpreter.waiters();
            interpreter.runReleased(() -> { });
            return queued;
        } finally {
            interpreter.detach();
        }
    }

    /** Arrives at this state and waits, bounded, for the other actor; returns whether it came. */
    private boolean rendezvous() {
        arrived.incrementAndGet();
        for (int i = 0; i < ARRIVAL_SPINS && arrived.get() < 2; i++) {
            Thread.onSpinWait();
        }
        return arrived.get() == 2;
    }
}
