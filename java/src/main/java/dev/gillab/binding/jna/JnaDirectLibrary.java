package dev.gillab.binding.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.gillab.binding.NativeLibrary;

/**
 * JNA direct mapping of {@code gillab.h} ({@code Native.register}): JNA binds these
 * {@code static native} methods straight to the C symbols, skipping the proxy and
 * reflection of interface mapping. Primitive arrays are still copied by the JVM on each
 * call; the {@link Pointer} overloads take native memory that the caller manages, so
 * nothing is copied by the call itself (see {@link JnaMemoryKernels}).
 */
final class JnaDirectLibrary {

    static {
        Native.register(JnaDirectLibrary.class, com.sun.jna.NativeLibrary.getInstance(NativeLibrary.file().toString()));
    }

    private JnaDirectLibrary() {
    }

    /** Forces the registration above (class initialisation) and so reports a missing library early. */
    static void load() {
        // the static initialiser has run when this returns
    }

    static native long gillab_countdown(long n);

    static native long gillab_fib(int n);

    static native double gillab_pi(long steps);

    static native void gillab_matmul(double[] a, double[] b, double[] c, int n);

    static native void gillab_matmul(Pointer a, Pointer b, Pointer c, int n);

    static native void gillab_mandelbrot(int width, int height, int maxIter,
                                         double xMin, double xMax, double yMin, double yMax, int[] out);

    static native void gillab_mandelbrot(int width, int height, int maxIter,
                                         double xMin, double xMax, double yMin, double yMax, Pointer out);

    static native void gillab_sha256(byte[] data, long length, byte[] digest);

    static native void gillab_sha256(Pointer data, long length, Pointer digest);

    static native int gillab_primes(int limit);

    static native double gillab_sum(double[] values, long length);

    static native double gillab_sum(Pointer values, long length);

    static native void gillab_noop();

    static native int gillab_add(int a, int b);

    static native int gillab_sleep_micros(long micros);
}
