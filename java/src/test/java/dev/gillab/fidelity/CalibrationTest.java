package dev.gillab.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calibration against a workload whose duration is a known function of its size: no clock involved. */
class CalibrationTest {

    @Test
    void theSizeIsScaledFromTheFirstRunLongEnoughAndThenRunOnceAsAWarmUp() {
        List<Long> sizes = new ArrayList<>();
        long size = Calibration.size(n -> {
            sizes.add(n);
            return n * 1e-6; // one microsecond per unit of size
        }, 1000, 1.0);

        assertThat(size).as("1 s at 1 us per unit").isEqualTo(1_000_000);
        assertThat(sizes).as("doubling until 50 ms (51,200 units), then the warm-up at the chosen size")
                .containsExactly(1000L, 2000L, 4000L, 8000L, 16_000L, 32_000L, 64_000L, 1_000_000L);
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
}
