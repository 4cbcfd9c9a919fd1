package dev.gillab.binding.jna;

import com.sun.jna.Memory;
import dev.gillab.binding.Binding;
import dev.gillab.binding.NativeResults;
import dev.gillab.kernel.KernelArguments;
import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.Region;

/**
 * The C kernels through JNA direct mapping ({@code Native.register}), passing Java arrays,
 * which JNA copies in and out. Arguments are trusted: callers wrap this in
 * {@link dev.gillab.kernel.CheckedKernels}.
 */
public class JnaDirectKernels implements Kernels {

    public JnaDirectKernels() {
        JnaDirectLibrary.load();
    }

    @Override
    public String name() {
        return Binding.JNA_DIRECT.id();
    }

    @Override
    public final long countdown(long n) {
        return JnaDirectLibrary.gillab_countdown(n);
    }

    @Override
    public final long fib(int n) {
        return JnaDirectLibrary.gillab_fib(n);
    }

    @Override
    public final double pi(long steps) {
        return JnaDirectLibrary.gillab_pi(steps);
    }

    @Override
    public double[] matmul(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        JnaDirectLibrary.gillab_matmul(a, b, c, n);
        return c;
    }

    @Override
    public int[] mandelbrot(int width, int height, int maxIter, Region region) {
        int[] out = new int[width * height];
        JnaDirectLibrary.gillab_mandelbrot(width, height, maxIter,
                region.xMin(), region.xMax(), region.yMin(), region.yMax(), out);
        return out;
    }

    @Override
    public byte[] sha256(byte[] data) {
        byte[] digest = new byte[32];
        JnaDirectLibrary.gillab_sha256(data, data.length, digest);
        return digest;
    }

    @Override
    public final int primes(int limit) {
        return NativeResults.primeCount(JnaDirectLibrary.gillab_primes(limit), limit);
    }

    @Override
    public double sum(double[] values, int length) {
        return JnaDirectLibrary.gillab_sum(values, length);
    }

    /**
     * The sum of the first {@code length} doubles already in native memory: nothing is copied,
     * the direct mapping passes the address. For benchmarks that compare array passing with
     * data that lives in native memory; checks its arguments itself
     * ({@link KernelArguments#checkSumOfNative}).
     */
    public final double sumInNativeMemory(Memory values, long length) {
        checkSumInNativeMemory(values, length);
        return JnaDirectLibrary.gillab_sum(values, length);
    }

    /**
     * {@link KernelArguments#checkSumOfNative} for JNA memory, whose size is in bytes and which
     * is live until closed ({@link Memory#valid()}: its address is NULL afterwards, while its
     * {@code size()} is unchanged). Only a {@code Memory} that owns its allocation is taken: a
     * view ({@code share()}, {@code align()}) keeps its address when the memory under it is
     * freed, so whether it is live cannot be told.
     */
    static void checkSumInNativeMemory(Memory values, long length) {
        if (values != null && values.getClass() != Memory.class) {
            throw new IllegalArgumentException("values must be a Memory made by new Memory(size), was a "
                    + values.getClass().getName() + " (a view from share() or align() cannot tell whether the "
                    + "memory under it was freed): pass the Memory itself");
        }
        KernelArguments.checkSumOfNative(values, values != null && values.valid(), length,
                values == null ? 0 : values.size() / Double.BYTES);
    }

    @Override
    public final void noop() {
        JnaDirectLibrary.gillab_noop();
    }

    @Override
    public final int add(int a, int b) {
        return JnaDirectLibrary.gillab_add(a, b);
    }

    @Override
    public final void sleepMicros(long micros) {
        NativeResults.sleepDone(JnaDirectLibrary.gillab_sleep_micros(micros), micros);
    }
}
