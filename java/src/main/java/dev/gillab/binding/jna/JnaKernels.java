package dev.gillab.binding.jna;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.gillab.binding.Binding;
import dev.gillab.binding.NativeLibrary;
import dev.gillab.binding.NativeResults;
import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.Region;

/**
 * The C kernels through JNA interface mapping ({@code Native.load}). Arrays are copied in and
 * out by JNA on every call. Arguments are trusted: callers wrap this in
 * {@link dev.gillab.kernel.CheckedKernels}.
 */
public final class JnaKernels implements Kernels {

    private final JnaLibrary lib = Native.load(NativeLibrary.file().toString(), JnaLibrary.class);

    @Override
    public String name() {
        return Binding.JNA.id();
    }

    @Override
    public long countdown(long n) {
        return lib.gillab_countdown(n);
    }

    @Override
    public long fib(int n) {
        return lib.gillab_fib(n);
    }

    @Override
    public double pi(long steps) {
        return lib.gillab_pi(steps);
    }

    @Override
    public double[] matmul(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        lib.gillab_matmul(a, b, c, n);
        return c;
    }

    @Override
    public int[] mandelbrot(int width, int height, int maxIter, Region region) {
        int[] out = new int[width * height];
        lib.gillab_mandelbrot(width, height, maxIter, region.xMin(), region.xMax(), region.yMin(), region.yMax(), out);
        return out;
    }

    @Override
    public byte[] sha256(byte[] data) {
        byte[] digest = new byte[32];
        lib.gillab_sha256(data, data.length, digest);
        return digest;
    }

    @Override
    public int primes(int limit) {
        return NativeResults.primeCount(lib.gillab_primes(limit), limit);
    }

    @Override
    public double sum(double[] values, int length) {
        return lib.gillab_sum(values, length);
    }

    /**
     * The sum of the first {@code length} doubles already in native memory: nothing is copied,
     * JNA passes the address. For benchmarks that compare array passing with data that lives
     * in native memory; checks its arguments itself, as {@link JnaDirectKernels#sumInNativeMemory} does.
     */
    public double sumInNativeMemory(Memory values, long length) {
        JnaDirectKernels.checkSumInNativeMemory(values, length);
        return lib.gillab_sum(values, length);
    }

    @Override
    public void noop() {
        lib.gillab_noop();
    }

    @Override
    public int add(int a, int b) {
        return lib.gillab_add(a, b);
    }

    @Override
    public void sleepMicros(long micros) {
        NativeResults.sleepDone(lib.gillab_sleep_micros(micros), micros);
    }
}
