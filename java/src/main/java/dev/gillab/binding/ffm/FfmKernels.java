package dev.gillab.binding.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.gillab.binding.Binding;
import dev.gillab.binding.NativeResults;
import dev.gillab.kernel.KernelArguments;
import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.Region;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The C kernels through the FFM API ({@code java.lang.foreign}), with {@code invokeExact}
 * on constant downcall handles ({@link FfmLibrary}).
 *
 * <p>Two ways to pass arrays. The default copies each array into a confined {@link Arena}
 * and back, so the call may run as long as it likes. With {@code critical}, the array
 * kernels and the call-overhead kernels ({@code noop}, {@code add}) use handles linked
 * {@code critical}: arrays go as heap segments, pinned and uncopied, and the call skips the
 * thread-state transition; the price is that garbage collection waits for the call to end,
 * so this is right only for short calls. Arguments are trusted: callers wrap this in
 * {@link dev.gillab.kernel.CheckedKernels}.
 */
public final class FfmKernels implements Kernels {

    private final boolean critical;

    /**
     * @param critical use the critical handles for the array and call-overhead kernels: heap arrays, no copy,
     *                 short calls only ({@link FfmLibrary})
     */
    public FfmKernels(boolean critical) {
        FfmLibrary.load();
        this.critical = critical;
    }

    @Override
    public String name() {
        return (critical ? Binding.FFM_CRITICAL : Binding.FFM).id();
    }

    @Override
    public long countdown(long n) {
        try {
            return (long) FfmLibrary.COUNTDOWN.invokeExact(n);
        } catch (Throwable t) {
            throw FfmLibrary.rethrow(t);
        }
    }

    @Override
    public long fib(int n) {
        try {
            return (long) FfmLibrary.FIB.invokeExact(n);
        } catch (Throwable t) {
            throw FfmLibrary.rethrow(t);
        }
    }

    @Override
    public double pi(long steps) {
        try {
            return (double) FfmLibrary.PI.invokeExact(steps);
        } catch (Throwable t) {
            throw FfmLibrary.rethrow(t);
        }
    }

    @Override
    public double[] matmul(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        try {
            if (critical) {
                FfmLibrary.MATMUL_CRITICAL.invokeExact(MemorySegment.ofArray(a), MemorySegment.ofArray(b),
                        MemorySegment.ofArray(c), n);
                return c;
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment out = arena.allocate(JAVA_DOUBLE, c.length);
                FfmLibrary.MATMUL.invokeExact(arena.allocateFrom(JAVA_DOUBLE, a), arena.allocateFrom(JAVA_DOUBLE, b),
                        out, n);
                MemorySegment.copy(out, JAVA_DOUBLE, 0, c, 0, c.length);
                return c;
            }
        } catch (Throwable t) {
            throw FfmLibrary.rethrow(t);
        }
    }

    @Override
    public int[] mandelbrot(int width, int height, int maxIter, Region region) {
        int[] pixels = new int[width * height];
        try {
            if (critical) {
                FfmLibrary.MANDELBROT_CRITICAL.invokeExact(width, height, maxIter,
                        region.xMin(), region.xMax(), region.yMin(), region.yMax(), MemorySegment.ofArray(pixels));
                return pixels;
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment out = arena.allocate(JAVA_INT, pixels.length);
                FfmLibrary.MANDELBROT.invokeExact(width, height, maxIter,
                        region.xMin(), region.xMax(), region.yMin(), region.yMax(), out);
                MemorySegment.copy(out, JAVA_INT, 0, pixels, 0, pixels.length);
                return pixels;
            }
        } catch (Throwable t) {
            throw FfmLibrary.rethrow(t);
        }
    }

    @Override
    public byte[] sha256(byte[] data) {
        byte[] digest = new byte[32];
        try {
            if (critical) {
                FfmLibrary.SHA256_CRITICAL.invokeExact(MemorySegment.ofArray(data), (long) data.length,
                        MemorySegment.ofArray(digest));
                return digest;
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment out = arena.allocate(JAVA_BYTE, digest.length);
                FfmLibrary.SHA256.invokeExact(arena.allocateFrom(JAVA_BYTE, data), (long) data.length, out);
                MemorySegment.copy(out, JAVA_BYTE, 0, digest, 0, digest.length);
                return digest;
            }
        } catch (Throwable t) {
            throw FfmLibrary.rethrow(t);
        }
    }

    @Override
    public int primes(int limit) {
        try {
            return NativeResults.primeCount((int) FfmLibrary.PRIMES.invokeExact(limit), limit);
        } catch (Throwable t) {
            throw FfmLibrary.rethrow(t);
        }
    }

    @Override
    public double sum(double[] values, int length) {
        try {
            if (critical) {
                return (double) FfmLibrary.SUM_CRITICAL.invokeExact(MemorySegment.ofArray(values), (long) length);
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment in = arena.allocate(JAVA_DOUBLE, length);
                MemorySegment.copy(values, 0, in, JAVA_DOUBLE, 0, length);
                return (double) FfmLibrary.SUM.invokeExact(in, (long) length);
            }
        } catch (Throwable t) {
            throw FfmLibrary.rethrow(t);
        }
    }

    /**
     * The sum of the first {@code length} doubles already in native memory (a segment from an
     * {@link Arena}): nothing is copied, the downcall passes the address. For benchmarks that
     * compare array passing with data that lives in native memory; checks its arguments itself
     * ({@link KernelArguments#checkSumOfNative}, a segment being live while its arena is open;
     * and that the segment is native, not a heap segment, which only a {@code critical} downcall
     * may take, and not at address NULL, which only a restricted {@code reinterpret} can make).
     */
    public double sumInNativeMemory(MemorySegment values, long length) {
        KernelArguments.checkSumOfNative(values, values != null && values.scope().isAlive(), length,
                values == null ? 0 : values.byteSize() / Double.BYTES);
        if (!values.isNative()) {
            throw new IllegalArgumentException("values must be a native segment (from an Arena), was a heap segment: "
                    + "pass Java arrays to sum(double[], int)");
        }
        if (values.address() == 0 && length > 0) {
            throw new IllegalArgumentException("values is at address NULL: pass a segment allocated from an Arena");
        }
        try {
            return (double) FfmLibrary.SUM.invokeExact(values, length);
        } catch (Throwable t) {
            throw FfmLibrary.rethrow(t);
        }
    }

    @Override
    public void noop() {
        try {
            if (critical) {
                FfmLibrary.NOOP_CRITICAL.invokeExact();
            } else {
                FfmLibrary.NOOP.invokeExact();
            }
        } catch (Throwable t) {
            throw FfmLibrary.rethrow(t);
        }
    }

    @Override
    public int add(int a, int b) {
        try {
            return critical ? (int) FfmLibrary.ADD_CRITICAL.invokeExact(a, b) : (int) FfmLibrary.ADD.invokeExact(a, b);
        } catch (Throwable t) {
            throw FfmLibrary.rethrow(t);
        }
    }

    @Override
    public void sleepMicros(long micros) {
        int errno;
        try {
            errno = (int) FfmLibrary.SLEEP_MICROS.invokeExact(micros);
        } catch (Throwable t) {
            throw FfmLibrary.rethrow(t);
        }
        NativeResults.sleepDone(errno, micros);
    }
}
