package dev.gillab.experiment;

import dev.gillab.kernel.Kernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockStats;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One thread making a native call that calls back into Java {@code callbacks} times, measured:
 * the time the call took, and the calling thread's lock statistics (a callback that takes the
 * lock counts one acquisition, and its waits). With {@code busy}, a second attached thread runs
 * an interpreted countdown meanwhile, CPU-bound, polling at every iteration; the call starts
 * only once that thread runs, so that every callback meets it.
 *
 * @param run       the whole run
 * @param callbacks how many callbacks the call made
 * @param nanos     the calling thread's time in the call
 * @param stats     the calling thread's lock statistics
 * @param sum       what the call returned
 */
public record CallbackRun(Measurement run, long callbacks, long nanos, LockStats.Counts stats, long sum) {

    /** Countdown iterations per call of the busy thread. */
    static final long BUSY_SLICE = 100_000;

    /**
     * Runs {@code call} (which must make {@code callbacks} callbacks and return their sum) on a
     * thread attached to {@code interpreter}, holding the lock, beside a busy thread or alone.
     */
    public static CallbackRun measure(Interpreter interpreter, long callbacks, boolean busy, LongSupplier call) {
        Kernels interpreted = KernelsUnderLock.interpreted(interpreter);
        AtomicLong sum = new AtomicLong();
        AtomicLong nanos = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch busyRunning = new CountDownLatch(1);
        Measurement m = ThreadedRun.run(interpreter, busy ? 2 : 1, "callbacks", i -> {
            if (i == 1) {
                busyRunning.countDown();
                while (!done.get()) {
                    interpreted.countdown(BUSY_SLICE);
                }
                return;
            }
            try {
                if (busy) {
                    interpreter.blocking(() -> {
                        busyRunning.await();
                        return null;
                    });
                }
                long start = System.nanoTime();
                sum.set(call.getAsLong());
                nanos.set(System.nanoTime() - start);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the busy thread", e);
            } finally {
                done.set(true);
            }
        });
        return new CallbackRun(m, callbacks, nanos.get(), m.stats().thread("callbacks-0").counts(), sum.get());
    }

    /**
     * The fastest of {@code repeats} runs, as {@code timeit} reports its best (on a shared machine
     * the slower runs measure the neighbours), after one unmeasured run that lets the JIT compile the path.
     */
    public static CallbackRun fastestOf(int repeats, Supplier<CallbackRun> runs) {
        runs.get();
        CallbackRun fastest = null;
        for (int r = 0; r < repeats; r++) {
            CallbackRun run = runs.get();
            if (fastest == null || run.nanos() < fastest.nanos()) {
                fastest = run;
            }
        }
        return fastest;
    }

    public double nanosPerCallback() {
        return (double) nanos / callbacks;
    }

    /** Lock acquisitions of the calling thread per callback. */
    public double takesPerCallback() {
        return (double) stats.acquisitions() / callbacks;
    }

    public double waitPerCallbackNanos() {
        return (double) stats.waitedNanos() / callbacks;
    }

    /**
     * The table row. Its speedup compares the run with {@code floor} making as many callbacks at
     * its own cost each; its outcome says whether the sum was {@code expectedSum}.
     */
    public Row row(String label, CallbackRun floor, long expectedSum) {
        return Row.of(label, run, Math.round(floor.nanosPerCallback() * callbacks))
                .with("callbacks", Long.toString(callbacks))
                .with("ns/callback", String.format(Locale.ROOT, "%,.0f", nanosPerCallback()))
                .with("takes/callback", String.format(Locale.ROOT, "%.2f", takesPerCallback()))
                .with("waited/callback", String.format(Locale.ROOT, "%.1f us", waitPerCallbackNanos() / 1e3))
                .with("outcome", sum == expectedSum ? "sum ok" : "WRONG SUM");
    }
}
