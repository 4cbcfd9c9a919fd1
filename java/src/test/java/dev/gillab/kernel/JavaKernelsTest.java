package dev.gillab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class JavaKernelsTest {

    private final Kernels kernels = new JavaKernels();

    @Test
    void isNamedJava() {
        assertThat(kernels.name()).as("name").isEqualTo("java");
    }

    @Test
    void refusesANullBreakerOrTicksPerPoll() {
        assertThatThrownBy(() -> new JavaKernels(null, TicksPerPoll.EVERY_TICK))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("breaker must not be null");
        assertThatThrownBy(() -> new JavaKernels(EvalBreaker.NONE, null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("ticksPerPoll must not be null");
    }

    @Nested
    class Countdown {

        // Expected values computed independently with Python's unbounded integers:
        //   python3 -c "
        //   def cd(n):
        //       h = 0xcbf29ce484222325
        //       while n > 0: h ^= n; h = h * 1099511628211 % 2**64; n -= 1
        //       return h
        //   print([hex(cd(n)) for n in (0, 1, 2, 1000)])"
        @ParameterizedTest(name = "countdown({0}) = {1}")
        @CsvSource({
            "0,    cbf29ce484222325",
            "1,    af63bc4c8601b62c",
            "2,    08395307b4f1348c",
            "1000, bcb81d1606cff495",
        })
        void foldsEveryCounterValueIntoTheFnvHash(long n, String expectedHex) {
            assertThat(Long.toHexString(kernels.countdown(n)))
                    .as("countdown(%d) as unsigned hex", n)
                    .isEqualTo(expectedHex.replaceFirst("^0+", ""));
        }

        @Test
        void returnsTheOffsetBasisForZero() {
            assertThat(kernels.countdown(0)).as("countdown(0)").isEqualTo(0xcbf29ce484222325L);
        }
    }

    @Nested
    class Fib {

        @Test
        void matchesTheFibonacciTable() {
            long[] table = {0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765};
            for (int n = 0; n < table.length; n++) {
                assertThat(kernels.fib(n)).as("fib(%d)", n).isEqualTo(table[n]);
            }
            assertThat(kernels.fib(30)).as("fib(30)").isEqualTo(832_040L);
        }
    }

    @Nested
    class Pi {

        @Test
        void oneIntervalIsTheMidpointValueExactly() {
            // h = 1, x = 0.5, 4 / 1.25 = 3.2, and the division rounds to the double nearest 3.2.
            assertThat(kernels.pi(1)).as("pi(1)").isEqualTo(3.2);
        }

        @ParameterizedTest(name = "pi({0})")
        @CsvSource({"2", "3", "7", "100", "12345"})
        void equalsTheHeadersSumBitForBit(long steps) {
            // The header's definition, restated: one accumulator, i ascending, then times h.
            // Summing in any other order rounds differently at these sizes.
            double h = 1.0 / steps;
            double sum = 0.0;
            for (long i = 0; i < steps; i++) {
                double x = (i + 0.5) * h;
                sum += 4.0 / (1.0 + x * x);
            }
            assertThat(Double.doubleToRawLongBits(kernels.pi(steps))).as("pi(%d) bits", steps)
                    .isEqualTo(Double.doubleToRawLongBits(sum * h));
        }

        /**
         * The midpoint rule's error on [0, 1] is at most h^2/24 max|f''| and |f''| <= 8 for
         * f = 4/(1+x^2), so h^2/3. Rounding: each of the n additions is off by at most half an
         * ulp of a partial sum below 4n, so n * 4n * 2^-53, and each term (at most 4) by a few
         * units of 2^-53; times h = 1/n that is about 4n * 2^-53, doubled here for margin. The
         * bound is still tight enough to catch a wrong h, a wrong midpoint or a missing term.
         */
        @ParameterizedTest(name = "pi({0}) is within the midpoint rule''s error bound")
        @CsvSource({"10", "1000", "1000000"})
        void convergesToPiWithinTheMidpointRuleBound(long steps) {
            double h = 1.0 / steps;
            double bound = h * h / 3 + 8.0 * steps * 0x1p-53;
            assertThat(kernels.pi(steps)).as("pi(%d)", steps).isCloseTo(Math.PI, within(bound));
        }
    }

    @Nested
    class Matmul {

        @Test
        void identityTimesAMatrixIsThatMatrix() {
            double[] identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
            double[] m = {1.5, -2, 3, 4, 5.25, -6, 7, 8, 9.125};
            assertThat(kernels.matmul(identity, m, 3)).as("I * m").containsExactly(m);
            assertThat(kernels.matmul(m, identity, 3)).as("m * I").containsExactly(m);
        }

        @Test
        void multipliesTwoByTwoAsByHand() {
            // [1 2; 3 4] * [5 6; 7 8] = [1*5+2*7 1*6+2*8; 3*5+4*7 3*6+4*8]
            assertThat(kernels.matmul(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8}, 2))
                    .as("2x2 product").containsExactly(19, 22, 43, 50);
        }

        @Test
        void multipliesThreeByThreeAsByHand() {
            double[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9};
            double[] b = {9, 8, 7, 6, 5, 4, 3, 2, 1};
            // Row 1: [1*9+2*6+3*3, 1*8+2*5+3*2, 1*7+2*4+3*1] = [30, 24, 18], and so on.
            assertThat(kernels.matmul(a, b, 3)).as("3x3 product")
                    .containsExactly(30, 24, 18, 84, 69, 54, 138, 114, 90);
        }

        @Test
        void multipliesOneByOne() {
            assertThat(kernels.matmul(new double[] {3}, new double[] {-0.5}, 1)).as("1x1 product")
                    .containsExactly(-1.5);
        }

        @Test
        void sumsEachEntryInAscendingK() {
            // Row [1, 1e16, -1e16] times a column of ones: ascending k gives (0 + 1 + 1e16) - 1e16,
            // and 1e16 + 1 rounds back to 1e16 (ties to even), so 0; descending k would give 1.
            double[] a = {1, 1e16, -1e16, 0, 0, 0, 0, 0, 0};
            double[] ones = {1, 0, 0, 1, 0, 0, 1, 0, 0};
            assertThat(kernels.matmul(a, ones, 3)[0]).as("c[0][0]").isEqualTo(0.0);
        }

        @Test
        void equalsTheDefinitionBitForBitOnRandomMatrices() {
            Random random = new Random(0x6d61746dL);
            for (int trial = 0; trial < 20; trial++) {
                int n = 1 + random.nextInt(17);
                double[] a = randomMatrix(random, n);
                double[] b = randomMatrix(random, n);
                double[] c = kernels.matmul(a, b, n);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double sum = 0.0;
                        for (int k = 0; k < n; k++) {
                            sum += a[i * n + k] * b[k * n + j];
                        }
                        assertThat(Double.doubleToRawLongBits(c[i * n + j]))
                                .as("trial %d, n = %d, c[%d][%d] bits", trial, n, i, j)
                                .isEqualTo(Double.doubleToRawLongBits(sum));
                    }
                }
            }
        }

        /** Entries of mixed signs over 40 binary orders of magnitude, so rounding order shows. */
        private static double[] randomMatrix(Random random, int n) {
            double[] m = new double[n * n];
            for (int i = 0; i < m.length; i++) {
                m[i] = Math.scalb(random.nextDouble() * 2 - 1, random.nextInt(41) - 20);
            }
            return m;
        }
    }

    @Nested
    class Mandelbrot {

        /** A 1x1 image whose single pixel centre is exactly (cx, cy). */
        private int countAt(double cx, double cy, int maxIter) {
            return kernels.mandelbrot(1, 1, maxIter, new Region(cx - 0.5, cx + 0.5, cy - 0.5, cy + 0.5))[0];
        }

        @ParameterizedTest(name = "c = {0} + {1}i takes {2} steps (max 100)")
        @CsvSource({
            "0,  0, 100",  // the origin never moves
            "-2, 0, 100",  // 0, -2, 2, 2, ...: |z|^2 = 4 passes the test forever
            "-1, 0, 100",  // 0, -1, 0, -1, ...
            "0,  1, 100",  // 0, i, -1+i, -i, -1+i, ...
            "1,  0, 3",    // 0, 1, 2, 5: |5|^2 > 4 after 3 steps
            "2,  0, 2",    // 0, 2, 6
            "3,  0, 1",    // 0, 3
            "0,  2, 2",    // 0, 2i, -4+2i
        })
        void countsTheStepsTakenAtKnownPoints(double cx, double cy, int expectedSteps) {
            assertThat(countAt(cx, cy, 100)).as("steps at %s + %si", cx, cy).isEqualTo(expectedSteps);
        }

        @Test
        void samplesPixelCentresAndStoresRowsInOrder() {
            // Width 4 over [-2.5, 1.5]: centres -2, -1, 0, 1. Height 2 over [-1, 3]: centres 0, 2.
            int[] image = kernels.mandelbrot(4, 2, 50, new Region(-2.5, 1.5, -1, 3));
            assertThat(image).as("row cy = 0, then row cy = 2")
                    .containsExactly(50, 50, 50, 3,
                                     1, 1, 2, 1);
        }

        @Test
        void computesPixelCentresWithTheHeadersFormulaToTheLastBit() {
            // xMin + (xMax - xMin) * (px + 0.5) / width = -1.5 + 8.4 * 2.5 / 6 is exactly 2.0 for
            // pixel 2 of 6 over [-1.5, 6.9], and c = 2 takes 2 steps (0, 2, 6). Reassociated forms,
            // -1.5 + 2.5 * (8.4 / 6) or -1.5 + 8.4 * (2.5 / 6), round to 2.0000000000000004, just
            // outside the circle |c| = 2, where c escapes after 1 step. (Checked with Python floats.)
            assertThat(kernels.mandelbrot(6, 1, 10, new Region(-1.5, 6.9, -0.5, 0.5))[2])
                    .as("steps at the centre of pixel (2, 0)").isEqualTo(2);
            assertThat(kernels.mandelbrot(1, 6, 10, new Region(-0.5, 0.5, -1.5, 6.9))[2])
                    .as("steps at the centre of pixel (0, 2)").isEqualTo(2);
        }

        @Test
        void stopsAtMaxIterInsideTheSet() {
            assertThat(countAt(0, 0, 1)).as("maxIter = 1").isEqualTo(1);
            assertThat(countAt(-0.1, 0.1, 12_345)).as("maxIter = 12345").isEqualTo(12_345);
        }

        @Test
        void countsAreBetweenOneAndMaxIterOverTheWholeSet() {
            int[] image = kernels.mandelbrot(64, 48, 200, Region.FULL_SET);
            assertThat(image).as("64x48 image").hasSize(64 * 48).contains(1, 200);
            assertThat(IntStream.of(image).min().orElseThrow()).as("smallest count").isEqualTo(1);
            assertThat(IntStream.of(image).max().orElseThrow()).as("largest count").isEqualTo(200);
        }
    }

    @Nested
    class Sha256Digest {

        // FIPS 180-2 appendix B and the NIST example values, confirmed with Python's hashlib.
        @ParameterizedTest(name = "sha256(\"{0}\")")
        @CsvSource({
            "'', e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq, "
                    + "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                    + "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu, "
                    + "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
        })
        void hashesTheStandardTestVectors(String message, String expectedHex) {
            byte[] digest = kernels.sha256(message.getBytes(StandardCharsets.US_ASCII));
            assertThat(HexFormat.of().formatHex(digest)).as("sha256(\"%s\")", message).isEqualTo(expectedHex);
        }

        @Test
        void hashesOneMillionAs() {
            byte[] digest = kernels.sha256("a".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII));
            assertThat(HexFormat.of().formatHex(digest)).as("sha256 of 10^6 'a'")
                    .isEqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
        }

        @TestFactory
        Stream<DynamicTest> agreesWithMessageDigestOnEveryLengthUpTo300AndAroundBlockBoundaries() {
            Random random = new Random(0x5a256L);
            IntStream boundaries = IntStream.of(1, 2, 3, 7, 8, 16, 100, 1000)
                    .flatMap(blocks -> IntStream.of(64 * blocks - 9, 64 * blocks - 8, 64 * blocks - 1, 64 * blocks,
                    64 * blocks + 1));
            return IntStream.concat(IntStream.rangeClosed(0, 300), boundaries)
                    .distinct()
                    .mapToObj(length -> {
                        byte[] data = new byte[length];
                        random.nextBytes(data);
                        return dynamicTest("length " + length, () -> assertThat(kernels.sha256(data))
                                .as("sha256 of %d random bytes", length)
                                .isEqualTo(messageDigest(data)));
                    });
        }

        @Test
        void leavesItsInputUnchanged() {
            byte[] data = "abc".repeat(50).getBytes(StandardCharsets.US_ASCII);
            byte[] copy = data.clone();
            kernels.sha256(data);
            assertThat(data).as("input after hashing").isEqualTo(copy);
        }

        private static byte[] messageDigest(byte[] data) throws NoSuchAlgorithmException {
            return MessageDigest.getInstance("SHA-256").digest(data);
        }
    }

    @Nested
    class Primes {

        @ParameterizedTest(name = "primes({0}) = {1}")
        @CsvSource({"0, 0", "1, 0", "2, 0", "3, 1", "4, 2", "10, 4", "11, 4", "12, 5", "100, 25", "1000000, 78498"})
        void countsThePrimesBelowTheLimit(int limit, int expected) {
            assertThat(kernels.primes(limit)).as("primes(%d)", limit).isEqualTo(expected);
        }

        @Test
        void agreesWithTrialDivisionForEveryLimitUpTo600() {
            int count = 0;
            for (int limit = 0; limit <= 600; limit++) {
                assertThat(kernels.primes(limit)).as("primes(%d)", limit).isEqualTo(count);
                if (isPrime(limit)) {
                    count++;
                }
            }
        }
    }

    @Nested
    class Sum {

        @Test
        void theEmptySumIsPositiveZero() {
            assertThat(Double.doubleToRawLongBits(kernels.sum(new double[0], 0))).as("sum of nothing, bits")
                    .isEqualTo(Double.doubleToRawLongBits(0.0));
            // Starting from 0.0, not from the first element: 0.0 + -0.0 is +0.0.
            assertThat(Double.doubleToRawLongBits(kernels.sum(new double[] {-0.0}, 1))).as("sum of {-0.0}, bits")
                    .isEqualTo(Double.doubleToRawLongBits(0.0));
        }

        @Test
        void addsTheFirstLengthValuesAsByHand() {
            double[] values = {1.5, -2.25, 4.0, 0.125, 10.0};
            assertThat(kernels.sum(values, 5)).as("sum of all 5").isEqualTo(13.375);
            assertThat(kernels.sum(values, 3)).as("sum of the first 3").isEqualTo(3.25);
            assertThat(kernels.sum(values, 0)).as("sum of none").isEqualTo(0.0);
        }

        @Test
        void addsInAscendingIndex() {
            // (0 + 1) + 1e16 rounds to 1e16, minus 1e16 is 0; descending would give 1.
            assertThat(kernels.sum(new double[] {1.0, 1e16, -1e16}, 3)).as("sum of {1, 1e16, -1e16}").isEqualTo(0.0);
        }

        @Test
        void matchesTheCReferenceBits() {
            // The terms and the reference value of native/test/test_sum.c, from the same
            // Python transcription of the header's order.
            double[] powers = {1e-4, 1e-3, 1e-2, 1e-1, 1.0, 1e1, 1e2, 1e3, 1e4};
            double[] values = new double[1000];
            for (int i = 0; i < values.length; i++) {
                double term = 1.0 / (i + 1) * powers[i * 7 % 9];
                values[i] = i % 3 != 0 ? term : -term;
            }
            assertThat(kernels.sum(values, values.length)).as("sum of the 1000 reference terms")
                    .isEqualTo(0x1.e10ced077523bp+12);
        }
    }

    @Nested
    class Calls {

        @Test
        void addWrapsAroundLikeInt() {
            assertThat(kernels.add(2, 3)).as("2 + 3").isEqualTo(5);
            assertThat(kernels.add(Integer.MAX_VALUE, 1)).as("MAX + 1").isEqualTo(Integer.MIN_VALUE);
            assertThat(kernels.add(Integer.MIN_VALUE, -1)).as("MIN - 1").isEqualTo(Integer.MAX_VALUE);
            assertThat(kernels.add(-7, 7)).as("-7 + 7").isZero();
        }

        @Test
        void sleepsAtLeastTheRequestedTime() {
            long start = System.nanoTime();
            kernels.sleepMicros(20_000);
            long elapsedMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
            assertThat(elapsedMicros).as("microseconds slept for sleepMicros(20000)").isGreaterThanOrEqualTo(20_000);
        }

        // The timeouts below are hang guards, not measurements: a sleep that ignored interrupts
        // would last the full minute.
        @Test
        @Timeout(value = 30, unit = TimeUnit.SECONDS)
        void returnsAtOnceWithTheFlagStillSetWhenInterruptedBeforehand() {
            Thread.currentThread().interrupt();
            try {
                kernels.sleepMicros(KernelArguments.SLEEP_MAX_MICROS);
                assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag after the sleep").isTrue();
            } finally {
                Thread.interrupted();
            }
        }

        @Test
        @Timeout(value = 30, unit = TimeUnit.SECONDS)
        void returnsEarlyWithTheFlagSetWhenInterruptedWhileSleeping() throws InterruptedException {
            AtomicBoolean flagAfterSleep = new AtomicBoolean();
            Thread sleeper = Thread.ofPlatform().start(() -> {
                kernels.sleepMicros(KernelArguments.SLEEP_MAX_MICROS);
                flagAfterSleep.set(Thread.currentThread().isInterrupted());
            });
            while (sleeper.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            sleeper.interrupt();
            sleeper.join();
            assertThat(flagAfterSleep).as("interrupt flag seen by the sleeper after the sleep").isTrue();
        }

        @Test
        void noopReturns() {
            kernels.noop();
            assertThat(kernels.add(0, 0)).as("a call after noop").isZero();
        }
    }

    @Nested
    class Polling {

        static Stream<TicksPerPoll> configurations() {
            return Stream.of(TicksPerPoll.EVERY_TICK, new TicksPerPoll(2, 3, 5, 7, 11, 13, 17),
                    TicksPerPoll.uniform(64));
        }

        /** One kernel call, its result folded into a long. */
        private record NamedRun(String name, ToLongFunction<Kernels> run) {
        }

        /** One kernel call with the number of ticks the {@link TicksPerPoll} rule says it makes. */
        private record Workload(String name, ToLongFunction<TicksPerPoll> ticksPerPoll,
                                ToLongFunction<Kernels> run, long ticks) {
        }

        private static List<Workload> workloads() {
            byte[] kilobyte = new byte[1000];
            new Random(1).nextBytes(kilobyte);
            int[] image = new JavaKernels().mandelbrot(13, 11, 50, Region.FULL_SET);
            return List.of(
                    new Workload("countdown(1000)", TicksPerPoll::countdown, k -> k.countdown(1000), 1000),
                    // fib(n) makes 2 fib(n+1) - 1 calls: fib(15) makes 2 * 987 - 1.
                    new Workload("fib(15)", TicksPerPoll::fib, k -> k.fib(15), 2 * 987 - 1),
                    new Workload("pi(1000)", TicksPerPoll::pi, k -> Double.doubleToRawLongBits(k.pi(1000)), 1000),
                    new Workload("matmul n = 7", TicksPerPoll::matmul,
                            k -> k.matmul(new double[49], new double[49], 7).length, 7 * 7),
                    // One tick per step taken, and the counts are the steps taken per pixel.
                    new Workload("mandelbrot 13x11", TicksPerPoll::mandelbrot,
                            k -> k.mandelbrot(13, 11, 50, Region.FULL_SET)[0], IntStream.of(image).sum()),
                    // 1000 bytes: 15 whole blocks, then 40 bytes + 9 of padding fit one more.
                    new Workload("sha256 of 1000 bytes", TicksPerPoll::sha256, k -> k.sha256(kilobyte)[0], 16),
                    new Workload("primes(1000)", TicksPerPoll::primes, k -> k.primes(1000), primesTicks(1000)));
        }

        @TestFactory
        Stream<DynamicTest> everyKernelPollsOncePerTicksPerPollTicks() {
            return configurations().flatMap(config -> workloads().stream().map(work -> dynamicTest(
                    work.name() + " with " + config, () -> {
                        CountingBreaker breaker = new CountingBreaker();
                        long result = work.run().applyAsLong(new JavaKernels(breaker, config));
                        long k = work.ticksPerPoll().applyAsLong(config);
                        assertThat(breaker.polls).as("%s: polls for %d ticks at %d ticks per poll", work.name(),
                                work.ticks(), k)
                                .isEqualTo(work.ticks() / k);
                        assertThat(result).as("%s: result while polling", work.name())
                                .isEqualTo(work.run().applyAsLong(new JavaKernels()));
                    })));
        }

        @ParameterizedTest
        @MethodSource("configurations")
        void callsWithoutALoopNeverPoll(TicksPerPoll config) {
            CountingBreaker breaker = new CountingBreaker();
            Kernels polled = new JavaKernels(breaker, config);
            polled.noop();
            polled.add(1, 2);
            polled.sleepMicros(1);
            assertThat(breaker.polls).as("polls by noop, add and sleepMicros").isZero();
        }

        /** sum stands for CPython's builtin sum(): a C loop that never checks the eval breaker. */
        @ParameterizedTest
        @MethodSource("configurations")
        void sumNeverPollsHoweverLong(TicksPerPoll config) {
            CountingBreaker breaker = new CountingBreaker();
            Kernels polled = new JavaKernels(breaker, config);
            polled.sum(new double[100_000], 100_000);
            assertThat(breaker.polls).as("polls by a sum of 10^5 values").isZero();
        }

        @TestFactory
        Stream<DynamicTest> aBreakerThatThrowsStopsTheKernelAtThatPoll() {
            Stream<NamedRun> large = Stream.of(
                    new NamedRun("countdown(10^6)", k -> k.countdown(1_000_000)),
                    new NamedRun("fib(25)", k -> k.fib(25)),
                    new NamedRun("pi(10^6)", k -> Double.doubleToRawLongBits(k.pi(1_000_000))),
                    new NamedRun("matmul n = 40", k -> k.matmul(new double[1600], new double[1600], 40).length),
                    new NamedRun("mandelbrot 100x100", k -> k.mandelbrot(100, 100, 1000, Region.FULL_SET)[0]),
                    new NamedRun("sha256 of 100 kB", k -> k.sha256(new byte[100_000])[0]),
                    new NamedRun("primes(10^6)", k -> k.primes(1_000_000)));
            return large.map(work -> dynamicTest(work.name(), () -> {
                RuntimeException stop = new RuntimeException("stop at the third poll");
                CountingBreaker breaker = new CountingBreaker(3, stop);
                Kernels polled = new JavaKernels(breaker, TicksPerPoll.EVERY_TICK);
                assertThatThrownBy(() -> work.run().applyAsLong(polled)).as(work.name()).isSameAs(stop);
                assertThat(breaker.polls).as("%s: polls made, the last one throwing", work.name()).isEqualTo(3);
            }));
        }

        @Test
        @Timeout(value = 30, unit = TimeUnit.SECONDS) // a hang guard: a kernel that never polls leaves atPoll shut
        void aBreakerThatBlocksHoldsTheKernelUntilItReturns() throws InterruptedException {
            // The breaker parks the kernel's thread at its first poll until released, as a lock hand-over would.
            CountDownLatch atPoll = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean finished = new AtomicBoolean();
            EvalBreaker blocking = () -> {
                atPoll.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            Kernels polled = new JavaKernels(blocking, TicksPerPoll.uniform(5));
            Thread runner = Thread.ofPlatform().start(() -> {
                polled.countdown(10);
                finished.set(true);
            });
            atPoll.await();
            assertThat(finished).as("finished while parked in poll()").isFalse();
            release.countDown();
            runner.join();
            assertThat(finished).as("finished after the breaker returned").isTrue();
        }

        /** Ticks of primes(limit): one per multiple crossed off, one per number 2 .. limit-1 counted. */
        private static long primesTicks(int limit) {
            long marks = 0;
            for (long p = 2; p * p < limit; p++) {
                if (isPrime(p)) {
                    marks += (limit - p * p + p - 1) / p;
                }
            }
            return marks + Math.max(0, limit - 2);
        }
    }

    /** Counts polls; optionally throws {@code stop} at poll number {@code stopAt}. */
    private static final class CountingBreaker implements EvalBreaker {
        private final long stopAt;
        private final RuntimeException stop;
        long polls;

        CountingBreaker() {
            this(Long.MAX_VALUE, null);
        }

        CountingBreaker(long stopAt, RuntimeException stop) {
            this.stopAt = stopAt;
            this.stop = stop;
        }

        @Override
        public void poll() {
            if (++polls == stopAt) {
                throw stop;
            }
        }
    }

    private static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        for (long d = 2; d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
