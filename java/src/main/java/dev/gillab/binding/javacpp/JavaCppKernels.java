package dev.gillab.binding.javacpp;

import dev.gillab.binding.Binding;
import dev.gillab.binding.NativeResults;
import dev.gillab.kernel.KernelArguments;
import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.Region;
import org.bytedeco.javacpp.DoublePointer;

/**
 * The C kernels through JavaCPP's generated JNI glue, in one of three {@link Glue} variants
 * (see {@link JavaCppLibrary}): arrays copied, arrays pinned, or the call-overhead kernels
 * without exception handling. Arguments are trusted: callers wrap this in
 * {@link dev.gillab.kernel.CheckedKernels}.
 */
public final class JavaCppKernels implements Kernels {

    /** Which of the generated glue functions the calls go through. */
    public enum Glue {
        /** The default glue: arrays copied in and out, each call inside a C++ try / catch. */
        COPYING(Binding.JAVACPP),
        /** {@code @CriticalRegion}: the array kernels pin the Java arrays instead of copying them. */
        CRITICAL(Binding.JAVACPP_CRITICAL),
        /**
         * {@code @NoException}: {@code noop} and {@code add} without C++ exception handling; the rest as
         * {@link #COPYING}.
         */
        NO_EXCEPTION(Binding.JAVACPP_NOEXCEPTION);

        /** The binding that names these kernels. */
        private final Binding binding;

        Glue(Binding binding) {
            this.binding = binding;
        }
    }

    private final Glue glue;
    private final boolean critical;
    private final boolean noException;

    public JavaCppKernels(Glue glue) {
        if (glue == null) {
            throw new NullPointerException("glue must not be null");
        }
        JavaCppLibrary.load();
        this.glue = glue;
        this.critical = glue == Glue.CRITICAL;
        this.noException = glue == Glue.NO_EXCEPTION;
    }

    @Override
    public String name() {
        return glue.binding.id();
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
    public double sum(double[] values, int length) {
        return critical ? JavaCppLibrary.sumCritical(values, length) : JavaCppLibrary.sum(values, length);
    }

    /**
     * The sum of the first {@code length} doubles already in native memory, from the pointer's
     * position on: nothing is copied, the glue passes the address. For benchmarks that compare
     * array passing with data that lives in native memory; checks its arguments itself
     * ({@link KernelArguments#checkSumOfNative}, the capacity being what lies past the position;
     * a pointer is live while its address is not NULL, which {@code close()} and
     * {@code deallocate()} make it).
     */
    public double sumInNativeMemory(DoublePointer values, long length) {
        KernelArguments.checkSumOfNative(values, values != null && !values.isNull(), length,
                values == null ? 0 : values.capacity() - values.position());
        return JavaCppLibrary.sum(values, length);
    }

    @Override
    public void noop() {
        if (noException) {
            JavaCppLibrary.noopNoException();
        } else {
            JavaCppLibrary.noop();
        }
    }

    @Override
    public int add(int a, int b) {
        return noException ? JavaCppLibrary.addNoException(a, b) : JavaCppLibrary.add(a, b);
    }

    @Override
    public void sleepMicros(long micros) {
        NativeResults.sleepDone(JavaCppLibrary.sleepMicros(micros), micros);
    }
}
