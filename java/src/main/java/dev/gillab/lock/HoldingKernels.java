package dev.gillab.lock;

import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.Region;
import java.util.Objects;

/**
 * Kernel calls that keep the interpreter lock for their whole duration. Two uses, one rule:
 * <ul>
 *   <li><b>Interpreted code</b>: Java kernels that poll this interpreter's
 *       {@link Interpreter#evalBreaker()} are the simulated bytecode; they must run holding the
 *       lock, and their polls let other threads in.</li>
 *   <li><b>The broken extension</b>: native kernels wrapped here are a C extension that forgot
 *       {@code Py_BEGIN_ALLOW_THREADS} (ctypes' {@code PyDLL}, a Cython function declared
 *       {@code nogil} but never released): they never poll, so every other thread waits for the
 *       whole call, whatever the switch interval says.</li>
 * </ul>
 * Either way the caller must hold the lock: each call first checks that it does
 * ({@link Interpreter#checkHolding}) and raises {@link LockMisuseException} otherwise, the
 * simulated version of touching interpreter state without the lock.
 */
public final class HoldingKernels implements Kernels {

    private final Interpreter interpreter;
    private final Kernels delegate;

    public HoldingKernels(Interpreter interpreter, Kernels delegate) {
        this.interpreter = Objects.requireNonNull(interpreter, "interpreter");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String name() {
        return delegate.name() + "+held";
    }

    @Override
    public long countdown(long n) {
        interpreter.checkHolding("HoldingKernels.countdown");
        return delegate.countdown(n);
    }

    @Override
    public long fib(int n) {
        interpreter.checkHolding("HoldingKernels.fib");
        return delegate.fib(n);
    }

    @Override
    public double pi(long steps) {
        interpreter.checkHolding("HoldingKernels.pi");
        return delegate.pi(steps);
    }

    @Override
    public double[] matmul(double[] a, double[] b, int n) {
        interpreter.checkHolding("HoldingKernels.matmul");
        return delegate.matmul(a, b, n);
    }

    @Override
    public int[] mandelbrot(int width, int height, int maxIter, Region region) {
        interpreter.checkHolding("HoldingKernels.mandelbrot");
        return delegate.mandelbrot(width, height, maxIter, region);
    }

    @Override
    public byte[] sha256(byte[] data) {
        interpreter.checkHolding("HoldingKernels.sha256");
        return delegate.sha256(data);
    }

    @Override
    public int primes(int limit) {
        interpreter.checkHolding("HoldingKernels.primes");
        return delegate.primes(limit);
    }

    @Override
    public double sum(double[] values, int length) {
        interpreter.checkHolding("HoldingKernels.sum");
        return delegate.sum(values, length);
    }

    @Override
    public void noop() {
        interpreter.checkHolding("HoldingKernels.noop");
        delegate.noop();
    }

    @Override
    public int add(int a, int b) {
        interpreter.checkHolding("HoldingKernels.add");
        return delegate.add(a, b);
    }

    @Override
    public void sleepMicros(long micros) {
        interpreter.checkHolding("HoldingKernels.sleepMicros");
        delegate.sleepMicros(micros);
    }
}
