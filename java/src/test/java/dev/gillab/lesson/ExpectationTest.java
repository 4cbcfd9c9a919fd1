package dev.gillab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.lesson.Expectation.Needs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Metrics, bands and expectations: what a lesson declares, and how a run is judged against it. */
class ExpectationTest {

    private static final Metric SPEEDUP = Metric.of("speedup", "speedup over 1 thread", Metric.Unit.RATIO);

    @Test
    void bandsIncludeOrExcludeTheirEnds() {
        assertThat(Band.between(0.85, 1.05).contains(0.85)).isTrue();
        assertThat(Band.between(0.85, 1.05).contains(1.05)).isTrue();
        assertThat(Band.between(0.85, 1.05).contains(1.0500001)).isFalse();
        assertThat(Band.above(0).contains(0)).isFalse();
        assertThat(Band.above(0).contains(1e-9)).isTrue();
        assertThat(Band.below(1.4).contains(1.4)).isFalse();
        assertThat(Band.atMost(1.4).contains(1.4)).isTrue();
        assertThat(Band.exactly(1).contains(1)).isTrue();
        assertThat(Band.exactly(1).contains(2)).isFalse();
        assertThat(Band.atLeast(0).contains(Double.NaN)).as("NaN is never in a band").isFalse();
        assertThatThrownBy(() -> Band.between(2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("low <= high");
    }

    @Test
    void bandsReadInTheirMetricsUnit() {
        assertThat(Band.between(0.85, 1.05).describe(Metric.Unit.RATIO)).isEqualTo("0.85x to 1.05x");
        assertThat(Band.above(0).describe(Metric.Unit.COUNT)).isEqualTo("above 0");
        assertThat(Band.atLeast(0.5).describe(Metric.Unit.SHARE)).isEqualTo("at least 50%");
        assertThat(Band.below(40).describe(Metric.Unit.NANOS)).isEqualTo("below 40 ns");
        assertThat(Band.exactly(1).describe(Metric.Unit.COUNT)).isEqualTo("exactly 1");
    }

    @Test
    void familiesNameTheirMembers() {
        assertThat(SPEEDUP.threads(2)).isEqualTo(new Metric("speedup.2", "speedup over 1 thread, 2 threads",
                Metric.Unit.RATIO));
        assertThat(SPEEDUP.threads(1).meaning()).endsWith(", 1 thread");
        assertThat(SPEEDUP.at("4KiB").name()).isEqualTo("speedup.4KiB");
        assertThatThrownBy(() -> Metric.of("Speed up", "x", Metric.Unit.RATIO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Metric.of("speedup", " ", Metric.Unit.RATIO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRunIsJudgedOnEachExpectationAndAMissingFigureIsNotMeasured() {
        LessonInfo info = new LessonInfo(99, "t", Verdict.SHOWS, "a", "s",
                List.of(Expectation.of(SPEEDUP.threads(2), Band.between(0.85, 1.05), Needs.IDLE_MACHINE)
                        .cpython("CPython: 1x"),
                        Expectation.of(SPEEDUP.threads(4), Band.atLeast(1), Needs.ANY_MACHINE)));
        LessonResult r = new LessonResult(info, List.of(), "c", new Figures().put(SPEEDUP.threads(2), 1.2), null,
                LessonChart.SPEEDUP);

        assertThat(r.judgements()).extracting(Judgement::held).containsExactly(false, false);
        assertThat(r.judgements()).extracting(Judgement::measured).containsExactly(true, false);
        assertThat(r.judgements().get(0).describe())
                .isEqualTo("missed: speedup over 1 thread, 2 threads = 1.20x, expected 0.85x "
                + "to 1.05x (an idle machine)");
        assertThat(r.get(SPEEDUP.threads(2))).isEqualTo(1.2);
        assertThatThrownBy(() -> r.get(SPEEDUP.threads(4))).hasMessageContaining("did not measure speedup.4");
        assertThat(info.expected()).isEqualTo("speedup over 1 thread, 2 threads: 0.85x to 1.05x (an idle machine; "
                + "CPython: 1x); speedup over 1 thread, 4 threads: at least 1.00x (any machine)");
    }

    @Test
    void aFigureIsMeasuredOnce() {
        Figures f = new Figures().put(SPEEDUP, 1);
        assertThatThrownBy(() -> f.put(SPEEDUP, 2)).hasMessageContaining("already measured");
    }
}
