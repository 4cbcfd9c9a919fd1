package dev.gillab.kernel;

/**
 * The one place where kernel arguments are checked, and the documented maxima.
 *
 * <h2>Why one place</h2>
 * The C kernels trust their arguments: a NULL pointer, a short buffer or a negative size is
 * undefined behaviour in C, and a JVM crash for whoever called it. Every binding is therefore
 * exposed only through {@link CheckedKernels}, which runs the check for each kernel here before
 * delegating, so nothing bad crosses into C and every implementation rejects the same inputs
 * with the same exceptions. {@link JavaKernels} itself assumes valid input.
 *
 * <h2>The rules</h2>
 * <ul>
 *   <li>A null array or region: {@link NullPointerException}, "a must not be null".</li>
 *   <li>Anything else out of range (a size below its minimum or above its maximum, an array
 *       of the wrong length, a non-finite or empty region): {@link IllegalArgumentException}.</li>
 *   <li>Every message starts with the parameter's name, followed by "must" and the allowed
 *       range or rule, and ends with the value that broke it: "n must be in 1..4096, was 0".</li>
 * </ul>
 *
 * <h2>The maxima</h2>
 * Each maximum keeps a single call below about a minute and keeps every size computation
 * inside {@code int} (see each constant). The memory a size takes is given at each constant;
 * a small heap may not hold the largest, which is why {@link Kernel#heapBytes} tells a caller
 * what a size needs before anything is allocated. Counts of
 * iterations that cost no memory ({@code countdown}'s n, {@code pi}'s steps, {@code maxIter})
 * are bounded only by their type: the caller sizes those by time.
 */
public final class KernelArguments {

    /**
     * The largest n for fib: 45. Naive recursion makes about 1.618^n calls, so each step up
     * costs 1.618 times the one below: fib(38) took 0.39 s in pure Java on the 2-core reference
     * machine (under load), which puts fib(45) near 12 s, and 20 to 30 s when interpreted code
     * polls the lock at every call; fib(48) would pass the minute. (The result itself would fit
     * a long up to fib(92), which naive recursion would take centuries to reach.)
     */
    public static final int FIB_MAX = 45;

    /**
     * The largest limit for primes: 2^28. The sieve takes one byte per number in Java and in C,
     * so 256 MiB, which fits the default heap of any machine with 2 GiB of memory or more, and
     * runs in a few seconds.
     */
    public static final int PRIMES_MAX = 1 << 28;

    /**
     * The largest n for matmul: 4096. The three n x n matrices then take 3 x 128 MiB, and the
     * product 6.9e10 multiply-adds, tens of seconds. It also keeps {@code n * n} far inside
     * {@code int}: the first n whose square overflows an int, 46341, is rejected by the range
     * check itself, with a message naming n.
     */
    public static final int MATMUL_MAX_N = 4096;

    /**
     * The largest {@code width * height} for mandelbrot: 2^26 pixels, 256 MiB of counts. The
     * product is computed in {@code long}, so no pair of int sizes can overflow it.
     */
    public static final int MANDELBROT_MAX_PIXELS = 1 << 26;

    /**
     * The most bytes sha256 hashes from a size: 1 GiB, a few seconds of hashing. A Java array
     * holds at most about 2^31 bytes, and every byte of it lives in the heap, so the input is
     * bounded here rather than by an allocation failing.
     */
    public static final long SHA256_MAX_BYTES = 1L << 30;

    /** The longest sleep: 60 s. Long enough for any simulated I/O, short enough to notice a mistake. */
    public static final long SLEEP_MAX_MICROS = 60_000_000L;

    private KernelArguments() {
    }

    /** countdown: {@code n >= 0}. */
    public static void checkCountdown(long n) {
        requireAtLeast("n", n, 0);
    }

    /** fib: {@code 0 <= n <= FIB_MAX}. */
    public static void checkFib(int n) {
        requireInRange("n", n, 0, FIB_MAX);
    }

    /** pi: {@code steps >= 1}. */
    public static void checkPi(long steps) {
        requireAtLeast("steps", steps, 1);
    }

    /**
     * matmul: {@code 1 <= n <= MATMUL_MAX_N}, {@code a} and {@code b} not null and each of
     * length {@code n * n}. Nulls are reported before n, and n before the lengths, which need n.
     */
    public static void checkMatmul(double[] a, double[] b, int n) {
        requireNonNull("a", a);
        requireNonNull("b", b);
        checkMatmulSize(n);
        requireLength("a", a.length, n);
        requireLength("b", b.length, n);
    }

    /** matmul's n alone, for callers that size their matrices from it: {@code 1 <= n <= MATMUL_MAX_N}. */
    public static void checkMatmulSize(int n) {
        requireInRange("n", n, 1, MATMUL_MAX_N);
    }

    /**
     * mandelbrot: width, height and maxIter at least 1, {@code width * height} at most
     * {@code MANDELBROT_MAX_PIXELS}, and a valid {@code region} (see {@link #checkRegion}).
     */
    public static void checkMandelbrot(int width, int height, int maxIter, Region region) {
        requireAtLeast("width", width, 1);
        requireAtLeast("height", height, 1);
        requireAtLeast("maxIter", maxIter, 1);
        long pixels = (long) width * height;
        if (pixels > MANDELBROT_MAX_PIXELS) {
            throw new IllegalArgumentException("width * height must be in 1.." + MANDELBROT_MAX_PIXELS
                    + ", was " + width + " * " + height + " = " + pixels);
        }
        checkRegion(region);
    }

    /**
     * A Mandelbrot region: not null, all four bounds finite, {@code xMin < xMax} and
     * {@code yMin < yMax}. Non-finite bounds are named one by one ("region.yMax ...").
     */
    public static void checkRegion(Region region) {
        requireNonNull("region", region);
        requireFinite("region.xMin", region.xMin());
        requireFinite("region.xMax", region.xMax());
        requireFinite("region.yMin", region.yMin());
        requireFinite("region.yMax", region.yMax());
        requireLess("region.xMin", region.xMin(), "region.xMax", region.xMax());
        requireLess("region.yMin", region.yMin(), "region.yMax", region.yMax());
    }

    /** sha256: {@code data} not null; any length (an array's length cannot pass {@link #SHA256_MAX_BYTES} by much). */
    public static void checkSha256(byte[] data) {
        requireNonNull("data", data);
    }

    /** sha256's input size, for callers that make the data from it: {@code 0 <= bytes <= SHA256_MAX_BYTES}. */
    public static void checkSha256Size(long bytes) {
        requireInRange("bytes", bytes, 0, SHA256_MAX_BYTES);
    }

    /** primes: {@code 0 <= limit <= PRIMES_MAX}. */
    public static void checkPrimes(int limit) {
        requireInRange("limit", limit, 0, PRIMES_MAX);
    }

    /** sum: {@code values} not null and {@code 0 <= length <= values.length}. */
    public static void checkSum(double[] values, int length) {
        requireNonNull("values", values);
        requireInRange("length", length, 0, values.length);
    }

    /**
     * sum over doubles already in native memory, for the bindings' native-memory entry points:
     * {@code values} (the memory object: a JNA {@code Memory}, a JavaCPP {@code DoublePointer},
     * an FFM {@code MemorySegment}) not null, still {@code live} (not freed: closed, deallocated,
     * its arena closed; a freed memory's address is NULL or dangling, whatever its size still
     * says) and {@code 0 <= length <= capacity}, the number of doubles the memory holds. A length
     * beyond it would read past the end, in C. Freeing the memory on another thread while the call
     * runs is the caller's race, as it is in C: no check can see it coming.
     *
     * @throws IllegalStateException if the memory is no longer live, whatever the length
     */
    public static void checkSumOfNative(Object values, boolean live, long length, long capacity) {
        requireNonNull("values", values);
        if (!live) {
            throw new IllegalStateException("values has no native memory (closed, deallocated or never allocated): "
                    + "its address is NULL or dangling, whatever its size still says; pass memory that is still open");
        }
        requireInRange("length", length, 0, capacity);
    }

    /** sleepMicros: {@code 0 <= micros <= SLEEP_MAX_MICROS}. */
    public static void checkSleepMicros(long micros) {
        requireInRange("micros", micros, 0, SLEEP_MAX_MICROS);
    }

    private static void requireNonNull(String name, Object value) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
    }

    private static void requireInRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", was " + value);
        }
    }

    /** {@code length == n * n}; only called once n is in range, so the square fits an int. */
    private static void requireLength(String name, int length, int n) {
        int expected = n * n;
        if (length != expected) {
            throw new IllegalArgumentException(name + ".length must be n * n = " + expected + ", was " + length);
        }
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, was " + value);
        }
    }

    private static void requireLess(String lowName, double low, String highName, double high) {
        if (!(low < high)) {
            throw new IllegalArgumentException(lowName + " must be < " + highName + ", was " + low + " >= " + high);
        }
    }
}
