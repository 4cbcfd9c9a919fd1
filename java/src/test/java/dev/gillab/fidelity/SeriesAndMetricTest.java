package dev.gillab.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesAndMetricTest {

    @Test
    void aSeriesSummarisesItsRepeatsByMedianAndRange() {
        Series s = Series.of(3, 1, 2, 10);

        assertThat(s.median()).as("mean of the two middle values").isEqualTo(2.5);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(10);
        assertThat(Series.of(5, 1, 4).median()).as("odd count: the middle one").isEqualTo(4);
    }

    @Test
    void emptyOrNonFiniteSeriesAreRejected() {
        assertThatThrownBy(() -> new Series(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Series.of(1, Double.NaN)).hasMessageContaining("finite");
    }

    @Test
    void aRatioMetricDividesRepeatByRepeat() {
        Figures f = Figures.builder().add("t1", 1.0).add("t2", 2.0).add("t1", 2.0).add("t2", 2.0).build();

        Series ratio = Metric.ratio("t2/t1", "t2", "t1", Tolerance.RATIO).derive().apply(f);

        assertThat(ratio.values()).as("2/1 then 2/2, not a ratio of medians").containsExactly(2.0, 1.0);
    }

    @Test
    void differenceAndScaledMetricsDeriveTheirFigures() {
        Figures f = Figures.builder().add("2048", 2.4).add("2047", 2.0).add("rtt", 0.010).build();

        assertThat(Metric.difference("cost", "2048", "2047", Tolerance.LATENCY).derive().apply(f).median())
                .isCloseTo(0.4, within(1e-12));
        assertThat(Metric.scaled("in intervals", "rtt", 1e6 / 5000, Tolerance.LATENCY).derive().apply(f).median())
                .isCloseTo(2.0, within(1e-12));
    }

    @Test
    void seriesMeasuredSideBySideMustHaveAsManyRepeats() {
        assertThatThrownBy(() -> Series.pairwise(Series.of(1, 2), Series.of(1), (a, b) -> a / b))
                .hasMessageContaining("2 vs 1");
    }

    @Test
    void aMissingFigureIsNamedWithTheOnesThatExist() {
        Figures f = Figures.builder().add("t1", 1).build();

        assertThatThrownBy(() -> f.get("t4")).hasMessageContaining("'t4'").hasMessageContaining("[t1]");
    }

    @Test
    void aComparisonWithoutOneSideSaysWhichIsMissing() {
        Metric m = Metric.ratio("t2/t1", "t2", "t1", Tolerance.RATIO);

        assertThat(Comparison.of(1, m, null, Series.of(1), "no python").judgement()).isEqualTo(Judgement.NO_CPYTHON);
        assertThat(Comparison.of(1, m, Series.of(1), null, "no library").judgement()).isEqualTo(Judgement.NO_GILLAB);
        assertThat(Comparison.of(1, m, Series.of(1.0, 1.1, 0.9), Series.of(1.8, 1.9, 1.7), null).judgement())
                .as("medians 1.0 against 1.8").isEqualTo(Judgement.OUTSIDE_TOLERANCE);
    }

    @Test
    void figuresPrintWithThreeSignificantDigitsAndTheirRange() {
        assertThat(Series.of(1.0234, 0.98, 1.5).describe()).isEqualTo("1.02 [0.98..1.5]");
        assertThat(Series.of(1.85).describe()).as("a quoted figure has no range").isEqualTo("1.85");
        assertThat(Series.of(0.000123456, 0.00002).describe()).as("no exponent")
                .isEqualTo("0.0000717 [0.00002..0.000123]");
    }
}
