package dev.gillab.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ToleranceTest {

    @Test
    void aRatioWithinFifteenPercentOfCPythonsHolds() {
        assertThat(Tolerance.RATIO.judge(1.85, 1.60)).as("1.60 is 13.5%% below 1.85").isEqualTo(Judgement.HOLDS);
        assertThat(Tolerance.RATIO.judge(1.85, 2.12)).as("2.12 is 14.6%% above 1.85").isEqualTo(Judgement.HOLDS);
    }

    @Test
    void aRatioFurtherAwayButOnTheSameSideIsOutsideTheTolerance() {
        assertThat(Tolerance.RATIO.judge(1.85, 1.15)).as("both slower than 1, 1.15 far from 1.85")
                .isEqualTo(Judgement.OUTSIDE_TOLERANCE);
        assertThat(Tolerance.RATIO.judge(1.85, 2.20)).as("19%% above").isEqualTo(Judgement.OUTSIDE_TOLERANCE);
    }

    @Test
    void slowerAgainstFasterIsTheOppositeDirection() {
        assertThat(Tolerance.RATIO.judge(1.85, 0.80)).as("CPython slower, gillab faster")
                .isEqualTo(Judgement.OPPOSITE_DIRECTION);
        assertThat(Tolerance.RATIO.judge(0.55, 1.30)).as("CPython faster, gillab slower")
                .isEqualTo(Judgement.OPPOSITE_DIRECTION);
    }

    @Test
    void valuesNearThePivotHaveNoDirectionSoNoiseAroundOneIsNoReversal() {
        assertThat(Tolerance.RATIO.judge(0.95, 1.05)).as("both within 10%% of 1").isEqualTo(Judgement.HOLDS);
        assertThat(Tolerance.RATIO.judge(1.0, 1.2)).as("1.0 is near the pivot: no reversal, only too far")
                .isEqualTo(Judgement.OUTSIDE_TOLERANCE);
    }

    @Test
    void aLatencyWithinAFactorOfTwoEitherWayHolds() {
        assertThat(Tolerance.LATENCY.judge(2.0, 3.9)).isEqualTo(Judgement.HOLDS);
        assertThat(Tolerance.LATENCY.judge(2.0, 1.1)).isEqualTo(Judgement.HOLDS);
        assertThat(Tolerance.LATENCY.judge(2.0, 4.2)).as("2.1x").isEqualTo(Judgement.OUTSIDE_TOLERANCE);
        assertThat(Tolerance.LATENCY.judge(0.003, 0.0016)).as("1.9x, both below one interval")
                .isEqualTo(Judgement.HOLDS);
        assertThat(Tolerance.LATENCY.judge(2.0, 0.004)).as("above one interval against below it")
                .isEqualTo(Judgement.OPPOSITE_DIRECTION);
    }

    @Test
    void aFactorAroundZeroComparesSignsAndNeedsBothPositive() {
        Tolerance cost = new Tolerance.Factor(2, 0);
        assertThat(cost.judge(0.4, 0.5)).isEqualTo(Judgement.HOLDS);
        assertThat(cost.judge(0.4, -0.1)).as("a negative cost against a positive one")
                .isEqualTo(Judgement.OPPOSITE_DIRECTION);
    }

    @Test
    void sharesBothNegligibleHoldAndLosingAgainstNotLosingIsTheOppositeDirection() {
        Tolerance lost = Tolerance.Share.LOST_UPDATES;
        assertThat(lost.judge(0.0, 0.004)).as("both under 1%%").isEqualTo(Judgement.HOLDS);
        assertThat(lost.judge(0.70, 0.75)).as("7%% apart").isEqualTo(Judgement.HOLDS);
        assertThat(lost.judge(0.70, 0.40)).as("both lose, far apart").isEqualTo(Judgement.OUTSIDE_TOLERANCE);
        assertThat(lost.judge(0.70, 0.0)).as("CPython loses, gillab does not").isEqualTo(Judgement.OPPOSITE_DIRECTION);
    }

    @Test
    void aModeShareIsJudgedByAbsoluteDistanceAndByWhichModeHoldsMost() {
        Tolerance modes = Tolerance.MODE_SHARE;
        assertThat(modes.judge(0.45, 0.55)).as("0.10 apart across one half, both near it").isEqualTo(Judgement.HOLDS);
        assertThat(modes.judge(0.02, 0.16)).as("0.14 apart: the same test for either mode's share")
                .isEqualTo(Judgement.HOLDS);
        assertThat(modes.judge(0.98, 0.84)).as("the complement of the row above").isEqualTo(Judgement.HOLDS);
        assertThat(modes.judge(0.98, 0.70)).as("both mostly slow, 0.28 apart").isEqualTo(Judgement.OUTSIDE_TOLERANCE);
        assertThat(modes.judge(0.62, 0.38)).as("mostly slow against mostly fast")
                .isEqualTo(Judgement.OPPOSITE_DIRECTION);
        assertThat(modes.judge(0.52, 0.30)).as("0.52 is near one half: no reversal, only too far")
                .isEqualTo(Judgement.OUTSIDE_TOLERANCE);
    }

    @Test
    void theTolerancesDescribeThemselvesForTheTable() {
        assertThat(Tolerance.RATIO.describe()).isEqualTo("±15%");
        assertThat(Tolerance.LATENCY.describe()).isEqualTo("within 2x");
        assertThat(Tolerance.Share.LOST_UPDATES.describe()).isEqualTo("±15% (or both < 1%)");
        assertThat(Tolerance.MODE_SHARE.describe()).isEqualTo("share ±0.15");
    }

    @Test
    void nonsensicalTolerancesAreRejected() {
        assertThatThrownBy(() -> new Tolerance.Relative(0, 1)).hasMessageContaining("fraction");
        assertThatThrownBy(() -> new Tolerance.Factor(0.5, 1)).hasMessageContaining("factor");
        assertThatThrownBy(() -> new Tolerance.Share(-0.1, 0.1)).hasMessageContaining("floor");
        assertThatThrownBy(() -> new Tolerance.ModeShare(1.0)).hasMessageContaining("points");
    }
}
