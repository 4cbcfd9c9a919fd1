package dev.gillab.experiment;

import dev.gillab.kernel.Kernels;
import dev.gillab.lock.Interpreter;

/**
 * The CPU-bound workload of the lessons that compare locks: {@code while n > 0: n -= 1} in
 * interpreted Java ({@link KernelsUnderLock#interpreted}), which holds the lock and polls it at
 * every iteration as CPython's eval loop polls at every back edge, the same total split evenly
 * over k threads: CPython's {@code countdown(N)} against k {@code Thread(target=countdown,
 * args=(N // k,))}.
 */
public final class SplitCountdown {

    private SplitCountdown() {
    }

    /** {@code total} iterations split over {@code threads} threads attached to {@code interpreter}, measured. */
    public static Measurement run(Interpreter interpreter, int threads, long total) {
        if (threads < 1 || total < threads) {
            throw new IllegalArgumentException("needs at least one thread and one iteration per thread, got "
                    + threads + " threads for " + total + " iterations");
        }
        Kernels interpreted = KernelsUnderLock.interpreted(interpreter);
        long share = total / threads;
        return ThreadedRun.run(interpreter, threads, "countdown", i -> interpreted.countdown(share));
    }
}
