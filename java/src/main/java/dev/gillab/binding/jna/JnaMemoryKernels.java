package dev.gillab.binding.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.gillab.binding.Binding;
import dev.gillab.kernel.Region;

/**
 * JNA direct mapping with arrays in JNA {@link Memory}: each thread keeps its own native
 * buffers and reuses them, growing them when a call needs more, so a call allocates no
 * native memory and JNA marshals only a pointer. The data is still copied once each way
 * between the Java array and the buffer, explicitly, here; what this variant saves against
 * {@link JnaDirectKernels} is the per-call allocation and JNA's own array handling.
 */
public final class JnaMemoryKernels extends JnaDirectKernels {

    /** Per-thread native buffers for the array arguments: input a, input b, output. */
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    @Override
    public String name() {
        return Binding.JNA_MEMORY.id();
    }

    @Override
    public double[] matmul(double[] a, double[] b, int n) {
        int count = n * n;
        long bytes = (long) count * Double.BYTES;
        Buffers buffers = BUFFERS.get();
        Memory ma = buffers.first(bytes);
        Memory mb = buffers.second(bytes);
        Memory mc = buffers.out(bytes);
        ma.write(0, a, 0, count);
        mb.write(0, b, 0, count);
        JnaDirectLibrary.gillab_matmul(ma, mb, mc, n);
        double[] c = new double[count];
        mc.read(0, c, 0, count);
        return c;
    }

    @Override
    public int[] mandelbrot(int width, int height, int maxIter, Region region) {
        int count = width * height;
        Memory out = BUFFERS.get().out((long) count * Integer.BYTES);
        JnaDirectLibrary.gillab_mandelbrot(width, height, maxIter,
                region.xMin(), region.xMax(), region.yMin(), region.yMax(), out);
        int[] pixels = new int[count];
        out.read(0, pixels, 0, count);
        return pixels;
    }

    @Override
    public byte[] sha256(byte[] data) {
        Buffers buffers = BUFFERS.get();
        Pointer in = Pointer.NULL;
        if (data.length > 0) {
            Memory m = buffers.first(data.length);
            m.write(0, data, 0, data.length);
            in = m;
        }
        Memory digest = buffers.out(32);
        JnaDirectLibrary.gillab_sha256(in, data.length, digest);
        return digest.getByteArray(0, 32);
    }

    @Override
    public double sum(double[] values, int length) {
        Pointer in = Pointer.NULL;
        if (length > 0) {
            Memory m = BUFFERS.get().first((long) length * Double.BYTES);
            m.write(0, values, 0, length);
            in = m;
        }
        return JnaDirectLibrary.gillab_sum(in, length);
    }

    /** Three growable native buffers owned by one thread. */
    private static final class Buffers {
        private Memory first;
        private Memory second;
        private Memory out;

        Memory first(long bytes) {
            first = atLeast(first, bytes);
            return first;
        }

        Memory second(long bytes) {
            second = atLeast(second, bytes);
            return second;
        }

        Memory out(long bytes) {
            out = atLeast(out, bytes);
            return out;
        }

        private static Memory atLeast(Memory current, long bytes) {
            if (current != null && current.size() >= bytes) {
                return current;
            }
            if (current != null) {
                current.close();
            }
            return new Memory(Math.max(bytes, 64));
        }
    }
}
