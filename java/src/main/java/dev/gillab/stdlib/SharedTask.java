package dev.gillab.stdlib;

import dev.gillab.kernel.KernelArguments;
import dev.gillab.kernel.Kernels;
import dev.gillab.lock.Interpreter;
import java.time.Duration;
import java.util.Objects;

/**
 * A task for an {@link InterpreterPool} whose arguments are all {@link Shareable}: it crosses to
 * the worker's interpreter without being encoded, as {@code InterpreterPoolExecutor.submit(fn,
 * *args)} sends shareable arguments without pickling them, and so does its result. Next to a
 * {@link PoolTask}, whose arguments are copied, it shows what sharing saves: a matrix product on
 * {@link SharedBuffer}s moves no bytes at all.
 *
 * @param <R> the result, itself shareable
 */
public sealed interface SharedTask<R> {

    /** Runs the task in the worker's {@code interpreter}, on its {@code kernels}. */
    R run(Kernels kernels, Interpreter interpreter) throws InterruptedException;

    /**
     * {@code matmul(a, b, n)} written into {@code product}, all three shared buffers: nothing is
     * copied across; the result is {@code product} itself.
     */
    record MatmulInto(SharedBuffer a, SharedBuffer b, SharedBuffer product, int n) implements SharedTask<SharedBuffer> {

        public MatmulInto {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
            Objects.requireNonNull(product, "product");
            KernelArguments.checkMatmul(a.memory(), b.memory(), n);
            if (product.length() != n * n) {
                throw new IllegalArgumentException("product must hold n * n = " + n * n + " doubles, held "
                        + product.length());
            }
        }

        @Override
        public SharedBuffer run(Kernels kernels, Interpreter interpreter) {
            product.write(kernels.matmul(a.memory(), b.memory(), n));
            return product;
        }

        @Override
        public String toString() {
            return "matmul(" + n + " x " + n + ", shared buffers)";
        }
    }

    /**
     * Takes {@code count} items from {@code from} and puts each on {@code to}, waiting for each
     * at most {@code timeout} with the worker's lock released; returns how many it moved.
     */
    record Relay(InterpreterQueue from, InterpreterQueue to, int count, Duration timeout) implements SharedTask<Long> {

        public Relay {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(timeout, "timeout");
            if (count < 0) {
                throw new IllegalArgumentException("count must be >= 0, was " + count);
            }
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be >= 0, was " + timeout);
            }
        }

        @Override
        public Long run(Kernels kernels, Interpreter interpreter) throws InterruptedException {
            for (int i = 0; i < count; i++) {
                Object item = interpreter.blocking(() -> from.get(timeout));
                interpreter.blocking(() -> {
                    to.put(item);
                    return null;
                });
            }
            return (long) count;
        }

        @Override
        public String toString() {
            return "relay(" + count + " items)";
        }
    }
}
