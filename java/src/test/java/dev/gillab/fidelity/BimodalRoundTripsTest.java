package dev.gillab.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Scenario 7's figures beside a CPU-bound thread, on synthetic round trips drawn from two modes
 * (fast: tens of microseconds; slow: one switch interval and a little): the median jumps between
 * the modes when about half the round trips are slow, the share in the slow mode does not.
 */
class BimodalRoundTripsTest {

    private static final long INTERVAL_MICROS = 5000;
    private static final long HALF_INTERVAL_NANOS = INTERVAL_MICROS * 1000 / 2;
    private static final int ROUND_TRIPS = 2000;
    private static final int REPEATS = 5;

    @Test
    void sharesNearOneHalfFlipTheMediansButTheModeSharesHold() {
        SplittableRandom random = new SplittableRandom(11);
        Figures cpython = repeats(random, 0.47, 0.53, 0.49, 0.55, 0.45);
        Figures gillab = repeats(random, 0.52, 0.48, 0.56, 0.51, 0.50);

        Comparison median = compare(new Metric("median", f -> f.get("median"), Tolerance.LATENCY), cpython, gillab);
        Comparison share = compare(new Metric("slow share", f -> f.get("slow"), Tolerance.MODE_SHARE), cpython, gillab);

        assertThat(median.cpython().min()).as("a fast-mode median").isLessThan(0.05);
        assertThat(median.cpython().max()).as("a slow-mode median").isGreaterThan(1);
        assertThat(median.gillab().median() / median.cpython().median())
                .as("the medians of the medians land in different modes").isGreaterThan(10);
        assertThat(median.judgement()).isNotEqualTo(Judgement.HOLDS);
        assertThat(share.judgement()).as("shares of %s against %s", share.cpython(), share.gillab())
                .isEqualTo(Judgement.HOLDS);
    }

    @Test
    void aConvoyOnOneSideOnlyIsTheOppositeDirectionOfTheModeShares() {
        SplittableRandom random = new SplittableRandom(13);
        Figures cpython = repeats(random, 0.97, 0.99, 0.98, 0.96, 0.99);
        Figures gillab = repeats(random, 0.02, 0.01, 0.03, 0.02, 0.01);

        Comparison share = compare(new Metric("slow share", f -> f.get("slow"), Tolerance.MODE_SHARE), cpython, gillab);

        assertThat(share.judgement()).isEqualTo(Judgement.OPPOSITE_DIRECTION);
    }

    @Test
    void theSlowShareCountsOnlyRoundTripsAboveTheThreshold() {
        long[] nanos = {30_000, 40_000, HALF_INTERVAL_NANOS, HALF_INTERVAL_NANOS + 1, 5_100_000};

        assertThat(ConvoyScenario.slowShare(nanos, HALF_INTERVAL_NANOS)).as("two of five above 2.5 ms").isEqualTo(0.4);
    }

    /** One repeat of synthetic round trips per share, and its median (in intervals) and slow share. */
    private static Figures repeats(SplittableRandom random, double... slowShares) {
        assertThat(slowShares).hasSize(REPEATS);
        Figures.Builder b = Figures.builder();
        for (double p : slowShares) {
            long[] nanos = roundTrips(random, p);
            b.add("median", ConvoyScenario.nearestRank(nanos, 0.5) / (INTERVAL_MICROS * 1e3));
            b.add("slow", ConvoyScenario.slowShare(nanos, HALF_INTERVAL_NANOS));
        }
        return b.build();
    }

    /** {@code slowShare} of the round trips in the slow mode (5.2 to 5.8 ms), the rest fast (20 to 60 us), shuffled. */
    private static long[] roundTrips(SplittableRandom random, double slowShare) {
        int slow = (int) Math.round(ROUND_TRIPS * slowShare);
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < ROUND_TRIPS; i++) {
            all.add(i < slow ? random.nextLong(5_200_000, 5_800_000) : random.nextLong(20_000, 60_000));
        }
        Collections.shuffle(all, new Random(random.nextLong()));
        long[] nanos = all.stream().mapToLong(Long::longValue).toArray();
        assertThat(Arrays.stream(nanos).filter(t -> t > HALF_INTERVAL_NANOS).count()).isEqualTo(slow);
        return nanos;
    }

    private static Comparison compare(Metric metric, Figures cpython, Figures gillab) {
        return Comparison.of(7, metric, metric.derive().apply(cpython), metric.derive().apply(gillab), null);
    }
}
