package dev.gillab.experiment;

import dev.gillab.kernel.Kernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockStats;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A caller on one thread while a second thread, attached to the same interpreter, runs the
 * interpreted countdown (pure Python, CPU-bound) until the caller has finished: how a way of
 * calling behaves beside a busy thread under the same lock. Thread {@code prefix-0} is the
 * caller; {@code prefix-1} counts down in chunks of {@value #CHUNK} iterations (about 0.1 ms),
 * looking between chunks whether the caller is done.
 *
 * @param run         the two threads' run
 * @param calls       what the caller returned: the calls it made
 * @param callerNanos the caller's own time, from its first call to its last return
 * @param caller      the caller's lock figures
 * @param countdown   the countdown thread's lock figures
 */
public record BesideACountdown(Measurement run, long calls, long callerNanos, LockStats.ThreadSnapshot caller,
                               LockStats.ThreadSnapshot countdown) {

    /** Countdown iterations between two looks at whether the caller has finished. */
    public static final long CHUNK = 100_000;

    /** Runs {@code caller}, which returns how many calls it made, beside the countdown. */
    public static BesideACountdown run(Interpreter interpreter, String prefix, LongSupplier caller) {
        Kernels interpreted = KernelsUnderLock.interpreted(interpreter);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        AtomicLong callerNanos = new AtomicLong();
        Measurement run = ThreadedRun.run(interpreter, 2, prefix, i -> {
            if (i == 0) {
                long start = System.nanoTime();
                calls.set(caller.getAsLong());
                callerNanos.set(System.nanoTime() - start);
                done.set(true);
            } else {
                while (!done.get()) {
                    interpreted.countdown(CHUNK);
                }
            }
        });
        return new BesideACountdown(run, calls.get(), callerNanos.get(), run.stats().thread(prefix + "-0"),
                run.stats().thread(prefix + "-1"));
    }

    /** The caller's time per call. */
    public double nanosPerCall() {
        return (double) callerNanos / calls;
    }

    /** The share of the run the caller spent waiting for the lock. */
    public double callerWaitShare() {
        return (double) caller.counts().waitedNanos() / run.wallNanos();
    }

    /** The share of the run the countdown thread spent waiting for the lock. */
    public double countdownWaitShare() {
        return (double) countdown.counts().waitedNanos() / run.wallNanos();
    }

    /** Released regions the caller opened per call: 1 if it released around each call, 0 if it held the lock. */
    public double regionsPerCall() {
        return (double) caller.counts().releasedRegions() / calls;
    }
}
