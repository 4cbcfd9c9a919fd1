package dev.gillab.stdlib;

import dev.gillab.kernel.KernelArguments;
import dev.gillab.kernel.Kernels;

/**
 * A task that can cross a process boundary: a kernel call whose arguments and result the
 * {@link ProcessPool}'s {@link PoolProtocol} knows how to send, as {@code pickle} must know how
 * to serialise a function's arguments before {@code multiprocessing.Pool} can run it.
 * The set is closed on purpose: only what the protocol can encode is a task.
 *
 * <p>The two tasks sit at the two ends of the cost of sending work away: {@link Countdown}
 * sends 8 bytes and gets 8 back for as long a computation as you like; {@link Matmul} sends
 * two n x n matrices and gets one back, 24 n<sup>2</sup> bytes for n<sup>3</sup> multiply-adds.
 * Arguments are checked when the task is made, before anything is sent.
 *
 * @param <R> the result
 */
public sealed interface PoolTask<R> {

    /** Runs the task on {@code kernels}: in a worker process, or in this one for comparison. */
    R run(Kernels kernels);

    /** {@code countdown(n)}: a long computation with a tiny argument and a tiny result. */
    record Countdown(long n) implements PoolTask<Long> {

        public Countdown {
            KernelArguments.checkCountdown(n);
        }

        @Override
        public Long run(Kernels kernels) {
            return kernels.countdown(n);
        }

        @Override
        public String toString() {
            return "countdown(" + n + ")";
        }
    }

    /** {@code matmul(a, b, n)}: two n x n matrices out, one back. The arrays are not copied: do not change them. */
    record Matmul(double[] a, double[] b, int n) implements PoolTask<double[]> {

        public Matmul {
            KernelArguments.checkMatmul(a, b, n);
        }

        @Override
        public double[] run(Kernels kernels) {
            return kernels.matmul(a, b, n);
        }

        @Override
        public String toString() {
            return "matmul(" + n + " x " + n + ")";
        }
    }
}
