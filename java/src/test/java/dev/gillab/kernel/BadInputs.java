package dev.gillab.kernel;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;

/**
 * The catalogue of bad inputs: one entry per class of bad argument of every kernel, with the
 * exception it must raise and the parameter its message must start with.
 *
 * <p>Shared by {@code CheckedKernelsTest}, which proves the checks run before the delegate,
 * and by the contract test {@code dev.gillab.binding.BadInputTest}, which runs every entry
 * against every binding. Each entry passes valid values for every other argument, so it
 * reaches exactly the check it is named after.
 */
public final class BadInputs {

    /**
     * One bad call: {@code call} must throw exactly {@code exception}, whose message starts with
     * {@code parameter + " must "}.
     */
    public record Case(String kernel, String description, Class<? extends RuntimeException> exception,
                       String parameter, Consumer<Kernels> call) {

        /** E.g. "matmul: a.length != n * n -> IllegalArgumentException". */
        public String displayName() {
            return kernel + ": " + description + " -> " + exception.getSimpleName();
        }

        /**
         * Asserts that {@code kernels} rejects this call as promised. The call runs under a hang
         * guard, not a measurement: a check that wrongly let fib(93) or a minute's sleep through
         * would otherwise run for centuries, or a minute, before the assertion could fail.
         */
        public void assertRejectedBy(Kernels kernels) {
            assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> call.accept(kernels))
                    .as("%s through %s", displayName(), kernels.name())
                    .isExactlyInstanceOf(exception)
                    .hasMessageStartingWith(parameter + " must "),
                    () -> displayName() + " was not rejected: the kernel ran instead");
        }
    }

    private static final Duration HANG_GUARD = Duration.ofSeconds(10);
    private static final Class<NullPointerException> NPE = NullPointerException.class;
    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;

    private static final double[] TWO_BY_TWO = {1, 2, 3, 4};
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    private BadInputs() {
    }

    /** Every bad-input class of every kernel. */
    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();

        cases.add(new Case("countdown", "n = -1", IAE, "n", k -> k.countdown(-1)));
        cases.add(new Case("countdown", "n = Long.MIN_VALUE", IAE, "n", k -> k.countdown(Long.MIN_VALUE)));

        cases.add(new Case("fib", "n = -1", IAE, "n", k -> k.fib(-1)));
        cases.add(new Case("fib", "n = FIB_MAX + 1", IAE, "n", k -> k.fib(KernelArguments.FIB_MAX + 1)));

        cases.add(new Case("pi", "steps = 0", IAE, "steps", k -> k.pi(0)));
        cases.add(new Case("pi", "steps = -1", IAE, "steps", k -> k.pi(-1)));

        cases.add(new Case("matmul", "a = null", NPE, "a", k -> k.matmul(null, TWO_BY_TWO, 2)));
        cases.add(new Case("matmul", "b = null", NPE, "b", k -> k.matmul(TWO_BY_TWO, null, 2)));
        cases.add(new Case("matmul", "n = 0", IAE, "n", k -> k.matmul(new double[0], new double[0], 0)));
        cases.add(new Case("matmul", "n = -1", IAE, "n", k -> k.matmul(new double[1], new double[1], -1)));
        cases.add(new Case("matmul", "n = MATMUL_MAX_N + 1", IAE, "n",
                k -> k.matmul(TWO_BY_TWO, TWO_BY_TWO, KernelArguments.MATMUL_MAX_N + 1)));
        // 46341 is the smallest n whose square overflows an int (to 2147488281 - 2^32 < 0);
        // it is also above MATMUL_MAX_N, so the range check reports it, naming n.
        cases.add(new Case("matmul", "n * n overflows int (n = 46341)", IAE, "n",
                k -> k.matmul(TWO_BY_TWO, TWO_BY_TWO, 46_341)));
        // 65536^2 wraps to exactly 0, so an unchecked n * n would match the empty arrays.
        cases.add(new Case("matmul", "n * n wraps to 0 (n = 65536)", IAE, "n",
                k -> k.matmul(new double[0], new double[0], 65_536)));
        cases.add(new Case("matmul", "a.length < n * n", IAE, "a.length", k -> k.matmul(new double[3], TWO_BY_TWO, 2)));
        cases.add(new Case("matmul", "a.length > n * n", IAE, "a.length", k -> k.matmul(new double[5], TWO_BY_TWO, 2)));
        cases.add(new Case("matmul", "b.length < n * n", IAE, "b.length", k -> k.matmul(TWO_BY_TWO, new double[3], 2)));
        cases.add(new Case("matmul", "b.length > n * n", IAE, "b.length", k -> k.matmul(TWO_BY_TWO, new double[9], 2)));

        Region ok = Region.FULL_SET;
        cases.add(new Case("mandelbrot", "width = 0", IAE, "width", k -> k.mandelbrot(0, 1, 1, ok)));
        cases.add(new Case("mandelbrot", "width = -1", IAE, "width", k -> k.mandelbrot(-1, 1, 1, ok)));
        cases.add(new Case("mandelbrot", "height = 0", IAE, "height", k -> k.mandelbrot(1, 0, 1, ok)));
        cases.add(new Case("mandelbrot", "height = -1", IAE, "height", k -> k.mandelbrot(1, -1, 1, ok)));
        cases.add(new Case("mandelbrot", "maxIter = 0", IAE, "maxIter", k -> k.mandelbrot(1, 1, 0, ok)));
        cases.add(new Case("mandelbrot", "maxIter = -1", IAE, "maxIter", k -> k.mandelbrot(1, 1, -1, ok)));
        cases.add(new Case("mandelbrot", "width * height = MANDELBROT_MAX_PIXELS + 1", IAE, "width * height",
                k -> k.mandelbrot(KernelArguments.MANDELBROT_MAX_PIXELS + 1, 1, 1, ok)));
        // 65536 * 65536 wraps to 0 in int arithmetic, which an int-only check would accept.
        cases.add(new Case("mandelbrot", "width * height overflows int (65536 x 65536)", IAE, "width * height",
                k -> k.mandelbrot(65_536, 65_536, 1, ok)));
        cases.add(new Case("mandelbrot", "region = null", NPE, "region", k -> k.mandelbrot(1, 1, 1, null)));
        Map<String, DoubleFunction<Region>> withBound = new LinkedHashMap<>();
        withBound.put("xMin", v -> new Region(v, ok.xMax(), ok.yMin(), ok.yMax()));
        withBound.put("xMax", v -> new Region(ok.xMin(), v, ok.yMin(), ok.yMax()));
        withBound.put("yMin", v -> new Region(ok.xMin(), ok.xMax(), v, ok.yMax()));
        withBound.put("yMax", v -> new Region(ok.xMin(), ok.xMax(), ok.yMin(), v));
        withBound.forEach((bound, with) -> {
            for (double bad : new double[] {NAN, INF, -INF}) {
                Region region = with.apply(bad);
                cases.add(new Case("mandelbrot", "region." + bound + " = " + bad, IAE,
                        "region." + bound, k -> k.mandelbrot(1, 1, 1, region)));
            }
        });
        cases.add(new Case("mandelbrot", "region.xMin == region.xMax", IAE, "region.xMin",
                k -> k.mandelbrot(1, 1, 1, new Region(0.5, 0.5, -1, 1))));
        cases.add(new Case("mandelbrot", "region.xMin > region.xMax", IAE, "region.xMin",
                k -> k.mandelbrot(1, 1, 1, new Region(1, -1, -1, 1))));
        cases.add(new Case("mandelbrot", "region.yMin == region.yMax", IAE, "region.yMin",
                k -> k.mandelbrot(1, 1, 1, new Region(-1, 1, 0.5, 0.5))));
        cases.add(new Case("mandelbrot", "region.yMin > region.yMax", IAE, "region.yMin",
                k -> k.mandelbrot(1, 1, 1, new Region(-1, 1, 1, -1))));

        cases.add(new Case("sha256", "data = null", NPE, "data", k -> k.sha256(null)));

        cases.add(new Case("primes", "limit = -1", IAE, "limit", k -> k.primes(-1)));
        cases.add(new Case("primes", "limit = PRIMES_MAX + 1", IAE, "limit",
                k -> k.primes(KernelArguments.PRIMES_MAX + 1)));

        cases.add(new Case("sum", "values = null", NPE, "values", k -> k.sum(null, 0)));
        cases.add(new Case("sum", "length = -1", IAE, "length", k -> k.sum(TWO_BY_TWO, -1)));
        cases.add(new Case("sum", "length = Integer.MIN_VALUE", IAE, "length",
                k -> k.sum(TWO_BY_TWO, Integer.MIN_VALUE)));
        cases.add(new Case("sum", "length > values.length", IAE, "length", k -> k.sum(TWO_BY_TWO, 5)));
        cases.add(new Case("sum", "length > 0 of an empty array", IAE, "length", k -> k.sum(new double[0], 1)));

        cases.add(new Case("sleepMicros", "micros = -1", IAE, "micros", k -> k.sleepMicros(-1)));
        cases.add(new Case("sleepMicros", "micros = SLEEP_MAX_MICROS + 1", IAE, "micros",
                k -> k.sleepMicros(KernelArguments.SLEEP_MAX_MICROS + 1)));
        return List.copyOf(cases);
    }
}
