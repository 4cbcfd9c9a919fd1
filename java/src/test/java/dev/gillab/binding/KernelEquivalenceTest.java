package dev.gillab.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.gillab.kernel.JavaKernels;
import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.Region;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract: every binding computes what the pure-Java kernels compute, bit for bit for doubles,
 * on the smallest valid sizes and on {@value #RANDOM_CASES} random inputs per kernel drawn from
 * a fixed seed (sizes kept small so the suite runs in seconds). Array inputs must come back
 * unchanged: a binding may share memory with Java but must not write into its inputs.
 */
class KernelEquivalenceTest {

    private static final int RANDOM_CASES = 20;
    private static final String BINDINGS = "dev.gillab.binding.BindingsUnderTest#all";

    private final Kernels reference = new JavaKernels();

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void hasAName(Binding binding) {
        assertThat(binding.kernels().name()).as("%s: name()", binding).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void countdownMatches(Binding binding) {
        Kernels kernels = binding.kernels();
        Random random = new Random(1);
        LongStream.concat(LongStream.of(0, 1, 2), LongStream.generate(() -> random.nextInt(100_000))
                .limit(RANDOM_CASES))
                .forEach(n -> assertThat(kernels.countdown(n)).as("%s: countdown(%d)", binding, n)
                        .isEqualTo(reference.countdown(n)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void fibMatches(Binding binding) {
        Kernels kernels = binding.kernels();
        Random random = new Random(2);
        IntStream.concat(IntStream.of(0, 1, 2), IntStream.generate(() -> random.nextInt(26)).limit(RANDOM_CASES))
                .forEach(n -> assertThat(kernels.fib(n)).as("%s: fib(%d)", binding, n).isEqualTo(reference.fib(n)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void piMatchesBitForBit(Binding binding) {
        Kernels kernels = binding.kernels();
        Random random = new Random(3);
        LongStream.concat(LongStream.of(1, 2, 3), LongStream.generate(() -> 1 + random.nextInt(100_000))
                .limit(RANDOM_CASES))
                .forEach(steps -> assertThat(Double.doubleToRawLongBits(kernels.pi(steps)))
                        .as("%s: pi(%d) bits", binding, steps)
                        .isEqualTo(Double.doubleToRawLongBits(reference.pi(steps))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void matmulMatchesBitForBit(Binding binding) {
        Kernels kernels = binding.kernels();
        Random random = new Random(4);
        for (int trial = 0; trial < RANDOM_CASES + 1; trial++) {
            int n = trial == 0 ? 1 : 1 + random.nextInt(24);
            double[] a = randomMatrix(random, n);
            double[] b = randomMatrix(random, n);
            double[] aBefore = a.clone();
            double[] bBefore = b.clone();
            assertThat(bits(kernels.matmul(a, b, n))).as("%s: matmul n = %d (trial %d) bits", binding, n, trial)
                    .isEqualTo(bits(reference.matmul(a, b, n)));
            assertThat(bits(a)).as("%s: a after matmul n = %d", binding, n).isEqualTo(bits(aBefore));
            assertThat(bits(b)).as("%s: b after matmul n = %d", binding, n).isEqualTo(bits(bBefore));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void mandelbrotMatches(Binding binding) {
        Kernels kernels = binding.kernels();
        assertThat(kernels.mandelbrot(1, 1, 1, Region.FULL_SET)).as("%s: mandelbrot 1x1, maxIter 1", binding)
                .isEqualTo(reference.mandelbrot(1, 1, 1, Region.FULL_SET));
        Random random = new Random(5);
        for (int trial = 0; trial < RANDOM_CASES; trial++) {
            int width = 1 + random.nextInt(40);
            int height = 1 + random.nextInt(40);
            int maxIter = 1 + random.nextInt(300);
            Region region = randomRegion(random);
            assertThat(kernels.mandelbrot(width, height, maxIter, region))
                    .as("%s: mandelbrot %dx%d, maxIter %d, %s", binding, width, height, maxIter, region)
                    .isEqualTo(reference.mandelbrot(width, height, maxIter, region));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void sha256Matches(Binding binding) {
        Kernels kernels = binding.kernels();
        Random random = new Random(6);
        IntStream lengths = IntStream.concat(IntStream.of(0, 1, 55, 56, 63, 64, 65),
                IntStream.generate(() -> random.nextInt(301)).limit(RANDOM_CASES));
        lengths.forEach(length -> {
            byte[] data = new byte[length];
            random.nextBytes(data);
            byte[] before = data.clone();
            assertThat(kernels.sha256(data)).as("%s: sha256 of %d bytes", binding, length)
                    .isEqualTo(reference.sha256(data));
            assertThat(data).as("%s: data after sha256 of %d bytes", binding, length).isEqualTo(before);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void primesMatches(Binding binding) {
        Kernels kernels = binding.kernels();
        Random random = new Random(7);
        IntStream.concat(IntStream.of(0, 1, 2, 3, 4), IntStream.generate(() -> random.nextInt(100_000))
                .limit(RANDOM_CASES))
                .forEach(limit -> assertThat(kernels.primes(limit)).as("%s: primes(%d)", binding, limit)
                        .isEqualTo(reference.primes(limit)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void sumMatchesBitForBit(Binding binding) {
        Kernels kernels = binding.kernels();
        Random random = new Random(9);
        for (int trial = 0; trial < RANDOM_CASES + 2; trial++) {
            int size = trial == 0 ? 0 : 1 + random.nextInt(2_000);
            double[] values = randomValues(random, size);
            int length = trial <= 1 ? size : random.nextInt(size + 1);
            double[] before = values.clone();
            assertThat(Double.doubleToRawLongBits(kernels.sum(values, length)))
                    .as("%s: sum of %d of %d values (trial %d) bits", binding, length, size, trial)
                    .isEqualTo(Double.doubleToRawLongBits(reference.sum(values, length)));
            assertThat(bits(values)).as("%s: values after sum of %d", binding, length).isEqualTo(bits(before));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void addMatches(Binding binding) {
        Kernels kernels = binding.kernels();
        assertThat(kernels.add(Integer.MAX_VALUE, 1)).as("%s: add(MAX, 1)", binding).isEqualTo(Integer.MIN_VALUE);
        assertThat(kernels.add(Integer.MIN_VALUE, -1)).as("%s: add(MIN, -1)", binding).isEqualTo(Integer.MAX_VALUE);
        Random random = new Random(8);
        for (int trial = 0; trial < RANDOM_CASES; trial++) {
            int a = random.nextInt();
            int b = random.nextInt();
            assertThat(kernels.add(a, b)).as("%s: add(%d, %d)", binding, a, b).isEqualTo(reference.add(a, b));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void noopAndShortSleepsReturnNormally(Binding binding) {
        Kernels kernels = binding.kernels();
        assertThatCode(() -> {
            kernels.noop();
            kernels.sleepMicros(0);
            kernels.sleepMicros(1);
        }).as("%s: noop(), sleepMicros(0), sleepMicros(1)", binding).doesNotThrowAnyException();
    }

    /**
     * The kernels are documented as reentrant: threads calling at once, each with its own
     * inputs, must each get their own correct result (a binding that shared a scratch buffer
     * or a cached native pointer between calls would mix them up).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void givesEachOfManyConcurrentCallersItsOwnResult(Binding binding) throws Exception {
        Kernels kernels = binding.kernels();
        int threads = 4;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(100 + t);
                calls.add(pool.submit(() -> {
                    for (int call = 0; call < 50; call++) {
                        int n = 1 + random.nextInt(12);
                        double[] a = randomMatrix(random, n);
                        double[] b = randomMatrix(random, n);
                        byte[] data = new byte[random.nextInt(200)];
                        random.nextBytes(data);
                        Region region = randomRegion(random);
                        assertThat(bits(kernels.matmul(a, b, n))).as("%s: concurrent matmul n = %d", binding, n)
                                .isEqualTo(bits(reference.matmul(a, b, n)));
                        assertThat(kernels.sha256(data)).as("%s: concurrent sha256 of %d bytes", binding, data.length)
                                .isEqualTo(reference.sha256(data));
                        assertThat(kernels.mandelbrot(n, n + 1, 100, region)).as("%s: concurrent mandelbrot", binding)
                                .isEqualTo(reference.mandelbrot(n, n + 1, 100, region));
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        }
    }

    /** Entries of mixed signs over 40 binary orders of magnitude, so rounding order shows. */
    private static double[] randomMatrix(Random random, int n) {
        return randomValues(random, n * n);
    }

    /** {@code count} values of mixed signs over 40 binary orders of magnitude, so rounding order shows. */
    static double[] randomValues(Random random, int count) {
        double[] values = new double[count];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.scalb(random.nextDouble() * 2 - 1, random.nextInt(41) - 20);
        }
        return values;
    }

    /** A region inside [-2.5, 1] x [-1.5, 1.5], from the whole set down to 1e-9 wide. */
    private static Region randomRegion(Random random) {
        double width = 3.5 * Math.pow(10, -9 * random.nextDouble());
        double height = 3.0 * Math.pow(10, -9 * random.nextDouble());
        double xMin = -2.5 + (3.5 - width) * random.nextDouble();
        double yMin = -1.5 + (3.0 - height) * random.nextDouble();
        return new Region(xMin, xMin + width, yMin, yMin + height);
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
