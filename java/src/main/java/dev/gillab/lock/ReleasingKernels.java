package dev.gillab.lock;

import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.Region;
import java.util.Objects;

/**
 * The correct extension: every kernel call runs with the interpreter lock released, as a C
 * extension that wraps its work in {@code Py_BEGIN_ALLOW_THREADS} ... {@code Py_END_ALLOW_THREADS}
 * (pybind11's {@code call_guard<gil_scoped_release>}, ctypes' {@code CDLL}). Other threads run
 * interpreted code meanwhile; the caller pays a drop and a take per call, which under contention
 * can cost a whole switch interval on the way back (the convoy effect).
 * {@link Kernels#sleepMicros} goes through {@link Interpreter#blocking}, as a blocking call.
 *
 * <p>The delegate must not touch the interpreter: it runs without the lock. Give it native
 * kernels, or Java kernels with {@link dev.gillab.kernel.EvalBreaker#NONE}; Java kernels that
 * poll this interpreter belong in {@link HoldingKernels}.
 */
public final class ReleasingKernels implements Kernels {

    private final Interpreter interpreter;
    private final Kernels delegate;

    public ReleasingKernels(Interpreter interpreter, Kernels delegate) {
        this.interpreter = Objects.requireNonNull(interpreter, "interpreter");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String name() {
        return delegate.name() + "+released";
    }

    @Override
    public long countdown(long n) {
        return interpreter.callReleased(() -> delegate.countdown(n));
    }

    @Override
    public long fib(int n) {
        return interpreter.callReleased(() -> delegate.fib(n));
    }

    @Override
    public double pi(long steps) {
        return interpreter.callReleased(() -> delegate.pi(steps));
    }

    @Override
    public double[] matmul(double[] a, double[] b, int n) {
        return interpreter.callReleased(() -> delegate.matmul(a, b, n));
    }

    @Override
    public int[] mandelbrot(int width, int height, int maxIter, Region region) {
        return interpreter.callReleased(() -> delegate.mandelbrot(width, height, maxIter, region));
    }

    @Override
    public byte[] sha256(byte[] data) {
        return interpreter.callReleased(() -> delegate.sha256(data));
    }

    @Override
    public int primes(int limit) {
        return interpreter.callReleased(() -> delegate.primes(limit));
    }

    @Override
    public double sum(double[] values, int length) {
        return interpreter.callReleased(() -> delegate.sum(values, length));
    }

    @Override
    public void noop() {
        interpreter.runReleased(delegate::noop);
    }

    @Override
    public int add(int a, int b) {
        return interpreter.callReleased(() -> delegate.add(a, b));
    }

    @Override
    public void sleepMicros(long micros) {
        interpreter.blocking(() -> {
            delegate.sleepMicros(micros);
            return null;
        });
    }
}
