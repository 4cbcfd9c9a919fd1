package dev.gillab.kernel;

import static dev.gillab.kernel.KernelArguments.FIB_MAX;
import static dev.gillab.kernel.KernelArguments.MANDELBROT_MAX_PIXELS;
import static dev.gillab.kernel.KernelArguments.MATMUL_MAX_N;
import static dev.gillab.kernel.KernelArguments.PRIMES_MAX;
import static dev.gillab.kernel.KernelArguments.SLEEP_MAX_MICROS;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The exact edges of every rule: the last valid value passes, the first invalid one does not. */
class KernelArgumentsTest {

    @Test
    void acceptsTheSmallestAndLargestValidSizes() {
        assertThatCode(() -> {
            KernelArguments.checkCountdown(0);
            KernelArguments.checkCountdown(Long.MAX_VALUE);
            KernelArguments.checkFib(0);
            KernelArguments.checkFib(FIB_MAX);
            KernelArguments.checkPi(1);
            KernelArguments.checkPi(Long.MAX_VALUE);
            KernelArguments.checkMatmul(new double[1], new double[1], 1);
            KernelArguments.checkMandelbrot(1, 1, 1, Region.FULL_SET);
            KernelArguments.checkMandelbrot(MANDELBROT_MAX_PIXELS, 1, Integer.MAX_VALUE, Region.FULL_SET);
            KernelArguments.checkMandelbrot(1 << 13, 1 << 13, 1, Region.FULL_SET);
            KernelArguments.checkSha256(new byte[0]);
            KernelArguments.checkPrimes(0);
            KernelArguments.checkPrimes(PRIMES_MAX);
            KernelArguments.checkSleepMicros(0);
            KernelArguments.checkSleepMicros(SLEEP_MAX_MICROS);
        }).as("valid boundary values").doesNotThrowAnyException();
    }

    @Test
    void acceptsTheLargestMatrixSizeWhenTheArraysMatchIt() {
        // Only the lengths are read, so two arrays of 4096^2 doubles would be wasted memory:
        // the check is exercised at the largest n whose arrays are cheap, and at the maximum
        // through the rejection of n + 1 below.
        assertThatCode(() -> KernelArguments.checkMatmul(new double[64 * 64], new double[64 * 64], 64))
                .as("matmul n = 64 with 4096-element arrays").doesNotThrowAnyException();
        assertThatThrownBy(() -> KernelArguments.checkMatmul(new double[1], new double[1], MATMUL_MAX_N + 1))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be in 1.." + MATMUL_MAX_N + ", was " + (MATMUL_MAX_N + 1));
    }

    @Test
    void acceptsTheNarrowestNonEmptyRegion() {
        assertThatCode(() -> KernelArguments.checkRegion(new Region(0, Double.MIN_VALUE, -Double.MIN_VALUE, 0)))
                .as("a region one subnormal wide").doesNotThrowAnyException();
        assertThatCode(() -> KernelArguments.checkRegion(
                new Region(-Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE)))
                .as("the widest finite region").doesNotThrowAnyException();
    }

    @Test
    void rejectsTheFirstValueBeyondEachMaximumWithTheRangeInTheMessage() {
        assertThatThrownBy(() -> KernelArguments.checkFib(FIB_MAX + 1))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be in 0..45, was 46");
        assertThatThrownBy(() -> KernelArguments.checkPrimes(PRIMES_MAX + 1))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be in 0..268435456, was 268435457");
        assertThatThrownBy(() -> KernelArguments.checkSleepMicros(SLEEP_MAX_MICROS + 1))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("micros must be in 0..60000000, was 60000001");
        assertThatThrownBy(() -> KernelArguments.checkMandelbrot(MANDELBROT_MAX_PIXELS / 2 + 1, 2, 1, Region.FULL_SET))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("width * height must be in 1..67108864, was 33554433 * 2 = 67108866");
    }

    @Test
    void rejectsTheFirstValueBelowEachMinimumWithTheRangeInTheMessage() {
        assertThatThrownBy(() -> KernelArguments.checkCountdown(-1))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be >= 0, was -1");
        assertThatThrownBy(() -> KernelArguments.checkPi(0))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("steps must be >= 1, was 0");
        assertThatThrownBy(() -> KernelArguments.checkMatmul(new double[0], new double[0], 0))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be in 1..4096, was 0");
        assertThatThrownBy(() -> KernelArguments.checkMandelbrot(1, 1, 0, Region.FULL_SET))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxIter must be >= 1, was 0");
    }

    @Test
    void reportsAWrongLengthWithTheLengthItExpected() {
        assertThatThrownBy(() -> KernelArguments.checkMatmul(new double[4], new double[8], 2))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("b.length must be n * n = 4, was 8");
    }

    @Test
    void reportsAnInvertedRegionWithBothBounds() {
        assertThatThrownBy(() -> KernelArguments.checkRegion(new Region(-1, 1, 2, 1)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("region.yMin must be < region.yMax, was 2.0 >= 1.0");
    }

    @Test
    void reportsNullsBeforeSizes() {
        assertThatThrownBy(() -> KernelArguments.checkMatmul(null, null, -1))
                .isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("a must not be null");
        assertThatThrownBy(() -> KernelArguments.checkRegion(null))
                .isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("region must not be null");
    }
}
