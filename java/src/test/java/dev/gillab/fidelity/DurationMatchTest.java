package dev.gillab.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The duration match against calls whose length is a known function of their size: no clock involved. */
class DurationMatchTest {

    /** 0.2 us of fixed cost plus 5.5 ns a byte: gillab's portable sha256 through FFM, roughly. */
    private static final LongToDoubleFunction HASH = n -> 0.2e-6 + n * 5.5e-9;

    @Test
    void aTargetAboveTheStartIsBracketedByDoublingThenBisected() {
        double target = 2.9e-6; // CPython's 4 KiB call
        DurationMatch.Match m = DurationMatch.find(HASH, target, 512, 0, 65_536);

        assertThat(m.size()).as("(2.9 - 0.2) us / 5.5 ns = 491 bytes").isBetween(461L, 521L);
        assertThat(Math.abs(m.seconds() - target)).isLessThanOrEqualTo(DurationMatch.CLOSE_ENOUGH * target);
        assertThat(m.seconds()).as("the time reported is the one measured at that size")
                .isEqualTo(HASH.applyAsDouble(m.size()));
    }

    @Test
    void aTargetBelowTheStartIsBracketedByHalving() {
        List<Long> measured = new ArrayList<>();
        DurationMatch.Match m = DurationMatch.find(n -> {
            measured.add(n);
            return HASH.applyAsDouble(n);
        }, 40e-6, 65_536, 0, 1 << 20);

        assertThat(measured.subList(0, 4)).as("halving from the start until a call is shorter than the target")
                .containsExactly(65_536L, 32_768L, 16_384L, 8192L);
        assertThat(m.size()).isBetween(6800L, 7400L);
    }

    @Test
    void aSizeOfZeroIsReachableAndIsTheAnswerWhenEvenItIsTooLong() {
        DurationMatch.Match m = DurationMatch.find(HASH, 0.1e-6, 64, 0, 1 << 20);

        assertThat(m.size()).as("the fixed cost alone is twice the target").isZero();
        assertThatThrownBy(() -> m.requireWithin(0.1e-6, 0.25))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("last 0.1 us").hasMessageContaining("the closest, 0, lasts 0.2 us");
    }

    @Test
    void aTargetBeyondTheLargestSizeStopsThereAndFailsTheCheck() {
        DurationMatch.Match m = DurationMatch.find(HASH, 1e-3, 1, 0, 4096);

        assertThat(m.size()).isEqualTo(4096);
        assertThatThrownBy(() -> m.requireWithin(1e-3, 0.25)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noisyMeasurementsStillEndWithinTheToleranceAndWithinBoundedWork() {
        SplittableRandom random = new SplittableRandom(7);
        int[] calls = new int[1];
        double target = 2.9e-6;
        DurationMatch.Match m = DurationMatch.find(n -> {
            calls[0]++;
            return HASH.applyAsDouble(n) * (1 + 0.1 * random.nextDouble()); // up to 10% longer, as on a busy machine
        }, target, 4096, 0, 65_536);

        assertThat(m.requireWithin(target, 0.25)).isSameAs(m);
        assertThat(calls[0])
                .as("a bracket of a few doublings, then at most %d bisections", DurationMatch.MAX_BISECTIONS)
                .isLessThanOrEqualTo(20 + DurationMatch.MAX_BISECTIONS);
    }

    @Test
    void theClosestMeasuredSizeWinsEvenWhenTheBisectionEndsElsewhere() {
        // steps: every size below 1000 takes 1 us, every size from 1000 on takes 3 us; 2 us wanted
        DurationMatch.Match m = DurationMatch.find(n -> n < 1000 ? 1e-6 : 3e-6, 2e-6, 1, 0, 1 << 20);

        assertThat(m.seconds()).as("no size is closer than 1 us away; the first of them is kept").isEqualTo(1e-6);
        assertThatThrownBy(() -> m.requireWithin(2e-6, 0.25)).hasMessageContaining("within 25%");
    }

    @Test
    void nonsensicalArgumentsAreRejected() {
        assertThatThrownBy(() -> DurationMatch.find(HASH, 0, 1, 0, 10)).as("no target")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationMatch.find(HASH, 1e-6, 20, 0, 10)).as("start above max")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationMatch.find(HASH, 1e-6, 1, -1, 10)).as("negative min")
                .isInstanceOf(IllegalArgumentException.class);
    }
}
