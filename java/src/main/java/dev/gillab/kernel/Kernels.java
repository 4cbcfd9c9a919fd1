package dev.gillab.kernel;

/**
 * The CPU-bound kernels of gillab, one interface for every way of running them: pure Java
 * ({@link JavaKernels}) and C through each native binding ({@code dev.gillab.binding}).
 *
 * <p>Every implementation computes the same results; the C header {@code native/include/gillab.h}
 * is the reference for each kernel's exact semantics, cost model and floating-point order.
 * Implementations obtained from {@link dev.gillab.binding.Binding#kernels()} validate every
 * argument in Java before anything crosses into C (see {@link KernelArguments}): bad input
 * raises {@link NullPointerException} or {@link IllegalArgumentException} naming the
 * parameter, never a JVM crash.
 *
 * <p>Implementations are thread safe: any number of threads may call any kernel at once.
 * Nothing in this interface knows about the interpreter lock; the lock's decorators wrap a
 * {@code Kernels} to hold or release it around each call.
 */
public interface Kernels {

    /** A short name for reports, e.g. {@code "java"} or {@code "ffm"}. */
    String name();

    /** The countdown loop {@code while n > 0: n -= 1}, returning a hash of every step. n >= 0. */
    long countdown(long n);

    /** Naive recursive Fibonacci. 0 <= n <= {@value KernelArguments#FIB_MAX}. */
    long fib(int n);

    /** Pi by the midpoint rule over {@code steps} intervals. steps >= 1. */
    double pi(long steps);

    /** The product of two n x n row-major matrices, as a new array of n * n doubles. */
    double[] matmul(double[] a, double[] b, int n);

    /** Escape counts per pixel, row-major, width * height values in 1 .. maxIter. */
    int[] mandelbrot(int width, int height, int maxIter, Region region);

    /** The 32-byte SHA-256 digest of {@code data}. */
    byte[] sha256(byte[] data);

    /** The number of primes below {@code limit}. 0 <= limit <= {@value KernelArguments#PRIMES_MAX}. */
    int primes(int limit);

    /**
     * The sum of {@code values[0 .. length-1]}, added in ascending index from 0.0 in one
     * accumulator (bit for bit the same in every implementation). 0 <= length <= values.length.
     * The kernel of the array-passing benchmark: about a nanosecond per element, the order of
     * what copying the array costs.
     */
    double sum(double[] values, int length);

    /** Does nothing: the floor of a call's cost. */
    void noop();

    /** {@code a + b} with int wrap-around: a call with arguments and a result. */
    int add(int a, int b);

    /** Blocks the calling thread for {@code micros} microseconds: simulated blocking I/O. */
    void sleepMicros(long micros);
}
