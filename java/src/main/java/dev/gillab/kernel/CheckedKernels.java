package dev.gillab.kernel;

/**
 * A {@link Kernels} that checks every argument with {@link KernelArguments} and only then calls
 * the kernels it wraps.
 *
 * <p>Every binding is handed out only inside one of these, so a null array, a short buffer or
 * an out-of-range size is rejected in Java, with a {@link NullPointerException} or
 * {@link IllegalArgumentException} naming the parameter, and never reaches C. Valid arguments
 * and results pass through unchanged, and {@link #name()} is the delegate's.
 */
public final class CheckedKernels implements Kernels {

    private final Kernels delegate;

    public CheckedKernels(Kernels delegate) {
        if (delegate == null) {
            throw new NullPointerException("delegate must not be null");
        }
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public long countdown(long n) {
        KernelArguments.checkCountdown(n);
        return delegate.countdown(n);
    }

    @Override
    public long fib(int n) {
        KernelArguments.checkFib(n);
        return delegate.fib(n);
    }

    @Override
    public double pi(long steps) {
        KernelArguments.checkPi(steps);
        return delegate.pi(steps);
    }

    @Override
    public double[] matmul(double[] a, double[] b, int n) {
        KernelArguments.checkMatmul(a, b, n);
        return delegate.matmul(a, b, n);
    }

    @Override
    public int[] mandelbrot(int width, int height, int maxIter, Region region) {
        KernelArguments.checkMandelbrot(width, height, maxIter, region);
        return delegate.mandelbrot(width, height, maxIter, region);
    }

    @Override
    public byte[] sha256(byte[] data) {
        KernelArguments.checkSha256(data);
        return delegate.sha256(data);
    }

    @Override
    public int primes(int limit) {
        KernelArguments.checkPrimes(limit);
        return delegate.primes(limit);
    }

    @Override
    public double sum(double[] values, int length) {
        KernelArguments.checkSum(values, length);
        return delegate.sum(values, length);
    }

    @Override
    public void noop() {
        delegate.noop();
    }

    @Override
    public int add(int a, int b) {
        return delegate.add(a, b);
    }

    @Override
    public void sleepMicros(long micros) {
        KernelArguments.checkSleepMicros(micros);
        delegate.sleepMicros(micros);
    }
}
