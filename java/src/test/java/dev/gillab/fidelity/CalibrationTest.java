package dev.gillab.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calibration against a workload whose duration is a known function of its size: no clock involved. */
class CalibrationTest {

    @Test
    void theSizeIsScaledFromTheFirstRunLongEnoughAndRunOnceAtFullLength() {
        List<Long> sizes = new ArrayList<>();
        long size = Calibration.size(n -> {
            sizes.add(n);
            return n * 1e-6; // one microsecond per unit of size
        }, 1000, 1.0);

        assertThat(size).as("1 s at 1 us per unit").isEqualTo(1_000_000);
        assertThat(sizes).as("doubling until 50 ms (51,200 units), then one run at the chosen size, on target")
                .containsExactly(1000L, 2000L, 4000L, 8000L, 16_000L, 32_000L, 64_000L, 1_000_000L);
    }

    @Test
    void aFirstEstimateFromSlowShortRunsIsCorrectedByTheFullLengthRun() {
        List<Long> sizes = new ArrayList<>();
        long size = Calibration.size(n -> {
            sizes.add(n);
            return n < 100_000 ? n * 1e-5 : n * 1e-6; // short runs ten times slower, as before the JIT
        }, 1000, 1.0);

        assertThat(size).isEqualTo(1_000_000);
        assertThat(sizes).as("8000 units took 80 ms: 100,000 took 0.1 s, 10x short of the target; scaled again")
                .containsExactly(1000L, 2000L, 4000L, 8000L, 100_000L, 1_000_000L);
    }

    @Test
    void aWorkloadThatNeverSettlesStopsAfterThreeFullLengthRuns() {
        int[] calls = new int[1];
        Calibration.size(n -> ++calls[0] % 2 == 0 ? 0.1 : 3.0, 1, 1.0); // alternately 10x short and 3x long

        assertThat(calls[0]).as("one first run, then at most %d checks", Calibration.MAX_CHECKS)
                .isEqualTo(1 + Calibration.MAX_CHECKS);
    }

    @Test
    void aWorkloadThatIsAlreadyLongEnoughIsScaledDown() {
        assertThat(Calibration.size(n -> n * 0.5, 1, 0.25)).as("half a second per unit, a quarter second wanted")
                .isEqualTo(1);
    }

    @Test
    void evenSizesSplitOverTwoThreadsAndNeverDropBelowTwo() {
        assertThat(Calibration.even(7)).isEqualTo(6);
        assertThat(Calibration.even(8)).isEqualTo(8);
        assertThat(Calibration.even(1)).isEqualTo(2);
    }

    @Test
    void aStartBelowOneIsRejected() {
        assertThatThrownBy(() -> Calibration.size(n -> 1.0, 0, 1.0)).hasMessageContaining("start");
    }

    @Test
    void oneCallIsTimedAsTheShortestOfThreeBatchesOfAtLeastFiveMilliseconds() {
        List<Long> batches = new ArrayList<>();
        double[] extra = {0.004, 0.0, 0.002}; // the three full batches: two of them interrupted by other work
        double perCall = Calibration.secondsPerCall(n -> {
            batches.add(n);
            double seconds = n * 3e-6; // 3 us a call
            return seconds < Calibration.BATCH_SECONDS ? seconds : seconds + extra[batches.size() % 3];
        });

        assertThat(batches).as("doubling until a batch lasts 5 ms (2048 calls), then three batches of as many")
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 1024L, 2048L, 2048L, 2048L, 2048L);
        assertThat(perCall).as("the uninterrupted batch").isCloseTo(3e-6, offset(1e-12));
    }
}
