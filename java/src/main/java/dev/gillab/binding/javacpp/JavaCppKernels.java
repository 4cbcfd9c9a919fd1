package dev.gillab.binding.javacpp;

import dev.gillab.binding.NativeResults;
import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.Region;

/**
 * The C kernels through JavaCPP's generated JNI glue. With {@code critical} the array
 * kernels pin the Java arrays instead of copying them (see {@link JavaCppLibrary}).
 * Arguments are trusted: callers wrap this in {@link dev.gillab.kernel.CheckedKernels}.
 */
public final class JavaCppKernels implements Kernels {

    private final boolean critical;

    /** @param critical pass arrays pinned ({@code @CriticalRegion}) rather than copied */
    public JavaCppKernels(boolean critical) {
        JavaCppLibrary.load();
        this.critical = critical;
    }

    @Override
    public String name() {
        return critical ? "javacpp-critical" : "javacpp";
    }

    @Override
    public long countdown(long n) {
        return JavaCppLibrary.countdown(n);
    }

    @Override
    public long fib(int n) {
        return JavaCppLibrary.fib(n);
    }

    @Override
    public double pi(long steps) {
        return JavaCppLibrary.pi(steps);
    }

    @Override
    public double[] matmul(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        if (critical) {
            JavaCppLibrary.matmulCritical(a, b, c, n);
        } else {
            JavaCppLibrary.matmul(a, b, c, n);
        }
        return c;
    }

    @Override
    public int[] mandelbrot(int width, int height, int maxIter, Region region) {
        int[] out = new int[width * height];
        if (critical) {
            JavaCppLibrary.mandelbrotCritical(width, height, maxIter,
                    region.xMin(), region.xMax(), region.yMin(), region.yMax(), out);
        } else {
            JavaCppLibrary.mandelbrot(width, height, maxIter,
                    region.xMin(), region.xMax(), region.yMin(), region.yMax(), out);
        }
        return out;
    }

    @Override
    public byte[] sha256(byte[] data) {
        byte[] digest = new byte[32];
        if (critical) {
            JavaCppLibrary.sha256Critical(data, data.length, digest);
        } else {
            JavaCppLibrary.sha256(data, data.length, digest);
        }
        return digest;
    }

    @Override
    public int primes(int limit) {
        return NativeResults.primeCount(JavaCppLibrary.primes(limit), limit);
    }

    @Override
    public void noop() {
        JavaCppLibrary.noop();
    }

    @Override
    public int add(int a, int b) {
        return JavaCppLibrary.add(a, b);
    }

    @Override
    public void sleepMicros(long micros) {
        NativeResults.sleepDone(JavaCppLibrary.sleepMicros(micros), micros);
    }
}
