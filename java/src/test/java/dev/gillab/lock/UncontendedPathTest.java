package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.PackedHistogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The uncontended fast path (one compare-and-set each way) and the statistics it keeps without
 * the clock: exact counts, zero waits, the sampled estimate of held time.
 */
class UncontendedPathTest {

    private final AtomicReference<Throwable> error = new AtomicReference<>();

    @ParameterizedTest
    @EnumSource(LockMode.class)
    void uncontendedReleasesAreCountedExactlyAndWaitNothing(LockMode mode) {
        Interpreter interp = Interpreter.create(mode);
        interp.attach();
        try {
            for (int i = 0; i < 10_000; i++) {
                interp.runReleased(() -> { });
            }
        } finally {
            interp.detach();
        }
        LockStats stats = interp.stats();
        LockStats.Counts c = stats.total();
        assertThat(c.acquisitions()).as("attach + 10,000 re-takes\n%s", stats).isEqualTo(10_001);
        assertThat(c.voluntaryReleases()).as("10,000 releases + detach").isEqualTo(10_001);
        assertThat(c.releasedRegions()).isEqualTo(10_000);
        assertThat(c.switches()).as("only the first take changed the last holder")
                .isEqualTo(mode == LockMode.FREE ? 0 : 1);
        assertThat(stats.waits().count()).as("one wait sample per acquisition, uncontended ones included")
                .isEqualTo(10_001);
        assertThat(stats.waits().p99Nanos()).as("an uncontended take is recorded as a zero wait").isZero();
        assertThat(c.heldNanos()).as("held time, estimated from the sampled holdings").isPositive();
    }

    @Test
    void aReTakeAfterAnotherThreadHeldTheLockIsASwitchEvenWithNobodyWaiting() throws Exception {
        Interpreter interp = Interpreter.create(LockMode.SWITCH);
        interp.attach();
        try {
            try (ReleasedRegion _ = interp.release()) {
                Thread other = Sim.startAttached(interp, "other", () -> { }, error);
                Sim.join(other, interp);
            }
            Sim.rethrow(error);
            assertThat(interp.switchNumber()).as("main, other, main again: the re-take cannot be the fast path")
                    .isEqualTo(3);
            assertThat(interp.holdsLock()).isTrue();
        } finally {
            interp.detach();
        }
    }

    @Test
    void heldTimeAddsTheUntimedHoldingsAtTheMeanOfTheSampledOnes() {
        ThreadStats s = new ThreadStats(Thread.currentThread(), 0);
        hold(s, 0, 5_000, false);                     // a slow-path holding: exact
        for (int i = 0; i < 4; i++) {
            hold(s, 1_000, 1_000 + 300, true);        // sampled: 300 ns each
        }
        for (int i = 0; i < 36; i++) {
            hold(s, ThreadStats.UNTIMED, ThreadStats.UNTIMED, false);
        }
        long held = s.snapshot(new PackedHistogram(3)).counts().heldNanos();
        assertThat(held).as("5,000 exact + 4 x 300 sampled + 36 untimed x 300").isEqualTo(5_000 + 1_200 + 10_800);
    }

    @Test
    void afterAResetWithoutSamplesTheUntimedHoldingsUseTheLifetimeMean() {
        ThreadStats s = new ThreadStats(Thread.currentThread(), 0);
        hold(s, 0, 400, true);
        hold(s, 0, 600, true);
        s.reset();
        for (int i = 0; i < 10; i++) {
            hold(s, ThreadStats.UNTIMED, ThreadStats.UNTIMED, false);
        }
        assertThat(s.snapshot(new PackedHistogram(3)).counts().heldNanos())
                .as("10 untimed holdings at the mean of 400 and 600").isEqualTo(5_000);
    }

    /** Books one holding and its release, as a drop does. */
    private static void hold(ThreadStats s, long since, long until, boolean sampled) {
        s.holdingEnded(since, until, sampled);
        s.add(Counter.VOLUNTARY_RELEASES, 1);
    }

    @Test
    void aboutOneUncontendedHoldingInEightIsSampled() {
        ThreadStats s = new ThreadStats(Thread.currentThread(), 0);
        hold(s, 0, 1, true); // past the thread's first holding, which is always sampled
        int draws = 80_000;
        int sampled = 0;
        for (int i = 0; i < draws; i++) {
            if (s.sampleHolding()) {
                sampled++;
            }
        }
        // Binomial(80,000, 1/8): mean 10,000, standard deviation 94; 5% is over five deviations.
        assertThat((double) sampled / draws).as("share of holdings sampled")
                .isCloseTo(1.0 / ThreadStats.HOLDING_SAMPLING, within(0.05 / ThreadStats.HOLDING_SAMPLING));
    }

    @Test
    void theFirstUncontendedHoldingIsAlwaysSampled() {
        ThreadStats s = new ThreadStats(Thread.currentThread(), 0);
        assertThat(s.sampleHolding()).as("no sample yet: the next holding must be one").isTrue();
    }
}
