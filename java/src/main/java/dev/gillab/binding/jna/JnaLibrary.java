package dev.gillab.binding.jna;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * JNA interface mapping of {@code gillab.h}: JNA builds a proxy that marshals every call
 * through reflection and {@code libffi}, copying Java arrays to native memory and back.
 * The slowest binding per call, and the most convenient. See {@code native/include/gillab.h}
 * for the semantics of each function.
 */
public interface JnaLibrary extends Library {

    long gillab_countdown(long n);

    long gillab_fib(int n);

    double gillab_pi(long steps);

    void gillab_matmul(double[] a, double[] b, double[] c, int n);

    void gillab_mandelbrot(int width, int height, int maxIter,
                           double xMin, double xMax, double yMin, double yMax, int[] out);

    void gillab_sha256(byte[] data, long length, byte[] digest);

    int gillab_primes(int limit);

    double gillab_sum(double[] values, long length);

    /** The same function over native memory the caller manages: JNA passes the address alone. */
    double gillab_sum(Pointer values, long length);

    void gillab_noop();

    int gillab_add(int a, int b);

    int gillab_sleep_micros(long micros);

    /** {@code gillab_element_fn}: JNA makes a C function pointer (a libffi closure) that calls {@link #invoke}. */
    interface ElementCallback extends Callback {
        int invoke(long i, Pointer value);
    }

    long gillab_sum_of_callbacks(long count, ElementCallback fn);
}
