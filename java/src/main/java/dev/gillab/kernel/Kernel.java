package dev.gillab.kernel;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The kernels by name, each sized by one number, so that a command line, a lesson or a
 * benchmark can say "mandelbrot at 512" and get a ready call. {@link #prepare} builds the
 * inputs (random matrices and bytes from a fixed seed) before the call, so that timing the
 * returned {@link Supplier} times the kernel alone; {@link #summarize} turns its result into
 * one printable line.
 */
public enum Kernel {

    COUNTDOWN("n, the loop's iterations", 100_000_000L) {
        @Override
        Supplier<Object> call(Kernels k, long size, int maxIter) {
            return () -> k.countdown(size);
        }

        @Override
        public String summarize(Object result) {
            return "hash " + HexFormat.of().toHexDigits((long) result);
        }
    },
    FIB("n, the Fibonacci index", 32) {
        @Override
        Supplier<Object> call(Kernels k, long size, int maxIter) {
            int n = toInt(size);
            return () -> k.fib(n);
        }
    },
    PI("steps of the midpoint rule", 50_000_000L) {
        @Override
        Supplier<Object> call(Kernels k, long size, int maxIter) {
            return () -> k.pi(size);
        }
    },
    MATMUL("n, for n x n matrices", 300) {
        @Override
        Supplier<Object> call(Kernels k, long size, int maxIter) {
            int n = (int) size;
            double[] a = randomDoubles(n * n, 1);
            double[] b = randomDoubles(n * n, 2);
            return () -> k.matmul(a, b, n);
        }

        @Override
        void checkSize(long size, int maxIter) {
            KernelArguments.checkMatmulSize(toInt(size));
        }

        @Override
        public long heapBytes(long size, boolean pureJava) {
            return 3 * Double.BYTES * size * size; // a, b and the product
        }

        @Override
        public String summarize(Object result) {
            double[] c = (double[]) result;
            return c.length + " values, sum " + String.format(Locale.ROOT, "%.6f", Arrays.stream(c).sum());
        }
    },
    MANDELBROT("width and height in pixels, of the whole set", 512) {
        @Override
        Supplier<Object> call(Kernels k, long size, int maxIter) {
            int side = (int) size;
            return () -> k.mandelbrot(side, side, maxIter, Region.FULL_SET);
        }

        @Override
        void checkSize(long size, int maxIter) {
            KernelArguments.checkMandelbrot(toInt(size), toInt(size), maxIter, Region.FULL_SET);
        }

        @Override
        public long heapBytes(long size, boolean pureJava) {
            return Integer.BYTES * size * size; // the counts
        }

        @Override
        public boolean takesMaxIter() {
            return true;
        }

        @Override
        public String summarize(Object result) {
            int[] counts = (int[]) result;
            int max = Arrays.stream(counts).max().orElse(0);
            long inside = Arrays.stream(counts).filter(c -> c == max).count();
            return counts.length + " pixels, " + inside + " at the iteration limit, checksum "
                    + Arrays.hashCode(counts);
        }
    },
    SHA256("bytes to hash", 64L << 20) {
        @Override
        Supplier<Object> call(Kernels k, long size, int maxIter) {
            byte[] data = randomBytes((int) size);
            return () -> k.sha256(data);
        }

        @Override
        void checkSize(long size, int maxIter) {
            KernelArguments.checkSha256Size(size);
        }

        @Override
        public long heapBytes(long size, boolean pureJava) {
            return size; // the data
        }

        @Override
        public String summarize(Object result) {
            return HexFormat.of().formatHex((byte[]) result);
        }
    },
    PRIMES("limit: primes below it are counted", 10_000_000) {
        @Override
        Supplier<Object> call(Kernels k, long size, int maxIter) {
            int limit = (int) size;
            return () -> k.primes(limit);
        }

        @Override
        void checkSize(long size, int maxIter) {
            KernelArguments.checkPrimes(toInt(size));
        }

        @Override
        public long heapBytes(long size, boolean pureJava) {
            return pureJava ? size : 0; // the Java sieve's byte per number; C's is native memory
        }
    },
    NOOP("no size", 0) {
        @Override
        Supplier<Object> call(Kernels k, long size, int maxIter) {
            return () -> {
                k.noop();
                return "done";
            };
        }
    },
    ADD("no size: adds 40 and 2", 0) {
        @Override
        Supplier<Object> call(Kernels k, long size, int maxIter) {
            return () -> k.add(40, 2);
        }
    },
    SLEEP("microseconds to block", 1000) {
        @Override
        Supplier<Object> call(Kernels k, long size, int maxIter) {
            return () -> {
                k.sleepMicros(size);
                return "slept " + size + " us";
            };
        }
    };

    /** The Mandelbrot iteration limit when none is given. */
    public static final int DEFAULT_MAX_ITER = 500;

    private static final long SEED = 0x6111AB;

    private final String sizeMeaning;
    private final long defaultSize;

    Kernel(String sizeMeaning, long defaultSize) {
        this.sizeMeaning = sizeMeaning;
        this.defaultSize = defaultSize;
    }

    /** The kernel's command-line name, e.g. {@code mandelbrot}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the size number means for this kernel. */
    public String sizeMeaning() {
        return sizeMeaning;
    }

    /** Whether {@code --size} means anything to this kernel ({@code noop} and {@code add} take none). */
    public boolean takesSize() {
        return defaultSize > 0;
    }

    /** A size that takes roughly 0.1 to 1 s in pure Java on a current core; 0 for no size. */
    public long defaultSize() {
        return defaultSize;
    }

    /**
     * Builds this kernel's inputs and returns the call, ready to time.
     *
     * @param size    the size; 0 for a kernel that takes none ({@link #takesSize()})
     * @param maxIter the Mandelbrot iteration limit (ignored by the other kernels)
     * @throws IllegalArgumentException if {@code size} does not fit the kernel (naming it)
     */
    public Supplier<Object> prepare(Kernels kernels, long size, int maxIter) {
        checkArguments(size, maxIter);
        return call(kernels, size, maxIter);
    }

    /**
     * Checks {@code size} and {@code maxIter} as {@link #prepare} does, without allocating: the
     * checks of the kernels whose inputs are made from the size, and that a kernel without a
     * size gets none. The other kernels' sizes are checked by {@link CheckedKernels} at the call.
     *
     * @throws IllegalArgumentException naming the parameter and its range
     */
    public void checkArguments(long size, int maxIter) {
        if (!takesSize() && size != 0) {
            throw new IllegalArgumentException("kernel " + id() + " takes no size (" + sizeMeaning + "), was " + size);
        }
        checkSize(size, maxIter);
    }

    void checkSize(long size, int maxIter) {
    }

    /**
     * The bytes of Java heap that {@link #prepare} and the call take at {@code size}: the inputs
     * made from the size and the result (arrays, whose sizes are exact), plus the pure-Java
     * kernel's own working memory when {@code pureJava}. C kernels allocate theirs outside the
     * heap. 0 for the kernels that allocate nothing that grows with the size.
     *
     * @param size a size that passed {@link #checkArguments}
     */
    public long heapBytes(long size, boolean pureJava) {
        return 0;
    }

    /** Whether the kernel reads the Mandelbrot iteration limit (only {@code mandelbrot} does). */
    public boolean takesMaxIter() {
        return false;
    }

    abstract Supplier<Object> call(Kernels k, long size, int maxIter);

    /** One printable line for a result of this kernel. */
    public String summarize(Object result) {
        return String.valueOf(result);
    }

    /** The kernel with this {@link #id()}. */
    public static Kernel byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown kernel '" + id + "'; known: "
                        + String.join(", ", Arrays.stream(values()).map(Kernel::id).toList())));
    }

    private static int toInt(long size) {
        if (size < Integer.MIN_VALUE || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("size must fit in an int for this kernel, was " + size);
        }
        return (int) size;
    }

    private static double[] randomDoubles(int count, int stream) {
        return new SplittableRandom(SEED + stream).doubles(count, -1, 1).toArray();
    }

    private static byte[] randomBytes(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("size must be >= 0 bytes, was " + count);
        }
        byte[] data = new byte[count];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < count; i++) {
            data[i] = (byte) random.nextInt();
        }
        return data;
    }
}
