package dev.gillab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.lesson.Band;
import dev.gillab.lesson.Expectation;
import dev.gillab.lesson.Figures;
import dev.gillab.lesson.LessonChart;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.Metric;
import dev.gillab.lesson.Verdict;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.Trace;
import dev.gillab.report.SpeedupChart.Point;
import dev.gillab.report.SpeedupChart.Series;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/** A lesson's files: chart lines from its rows, the timeline and its trace beside it. */
class LessonReportTest {

    private static final Metric SPEEDUP = Metric.of("speedup", "speedup over 1 thread", Metric.Unit.RATIO);
    private static final LessonInfo INFO = new LessonInfo(7, "A lesson", Verdict.SHOWS, "analogue", "summary",
            List.of(Expectation.of(SPEEDUP.threads(2), Band.atLeast(1), Expectation.Needs.ANY_MACHINE)));

    @TempDir
    Path dir;

    private static Row row(String label, int threads, double speedup) {
        return new Row(label, threads, 100 / speedup, speedup, 0, 0, 0, Map.of());
    }

    private static LessonResult result(List<Row> rows, Trace trace) {
        return new LessonResult(INFO, rows, "it scaled", new Figures(), trace, LessonChart.SPEEDUP);
    }

    /** The trace of two interpreted threads taking turns under the switch lock. */
    private static Trace twoThreadTrace() {
        Interpreter interpreter = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH)
                .withSwitchIntervalMicros(200).withTrace(true));
        var kernels = KernelsUnderLock.interpreted(interpreter);
        Measurement m = ThreadedRun.run(interpreter, 2, "turns", i -> kernels.countdown(5_000_000));
        return m.trace();
    }

    @Test
    void rowsThatDifferOnlyByThreadCountFormOneLineNamedByTheRestOfTheirLabel() {
        LessonResult r = result(List.of(row("holding, 1 thread", 1, 1), row("holding, 2 threads", 2, 0.9),
                row("released, 2 threads", 2, 1.8), row("released (1 thread)", 1, 1.0)), null);

        assertThat(LessonReport.speedupSeries(r)).containsExactly(
                new Series("holding", List.of(new Point(1, 1), new Point(2, 0.9))),
                new Series("released", List.of(new Point(1, 1.0), new Point(2, 1.8))));
    }

    @Test
    void aLineIsNamedByWhatIsLeftOfItsLabelWithoutTheThreadCount() {
        assertThat(LessonReport.lineName("released, 4 threads, 64 KiB")).isEqualTo("released, 64 KiB");
        assertThat(LessonReport.lineName("4 threads: ticks")).isEqualTo("ticks");
        assertThat(LessonReport.lineName("ffm [2 threads]")).isEqualTo("ffm");
        assertThat(LessonReport.lineName("1 thread")).isEmpty();
    }

    @Test
    void rowsLabelledOnlyByThreadCountFormOneLineCalledMeasured() {
        LessonResult r = result(List.of(row("1 thread", 1, 1), row("2 threads", 2, 1.02), row("4 threads", 4, 0.98)),
                null);

        assertThat(LessonReport.speedupSeries(r)).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("measured");
            assertThat(s.points()).extracting(Point::threads).containsExactly(1.0, 2.0, 4.0);
        });
    }

    @Test
    void writeLeavesTheChartTheTimelineAndTheChromeTraceOfALesson() throws Exception {
        LessonResult r = result(List.of(row("1 thread", 1, 1), row("2 threads", 2, 1.0)), twoThreadTrace());

        LessonReport.Files files = LessonReport.write(r, 200L, dir);

        assertThat(files.chartPng()).isEqualTo(dir.resolve("lesson07-chart.png")).isRegularFile();
        assertThat(dir.resolve("lesson07-chart.svg")).as("no SVG with outlined glyphs").doesNotExist();
        assertThat(files.timelineSvg()).isEqualTo(dir.resolve("lesson07-timeline.svg")).isRegularFile();
        assertThat(files.traceJson()).isEqualTo(dir.resolve("lesson07-timeline.json")).isRegularFile();
        Svg timeline = Svg.parse(files.timelineSvg());
        assertThat(timeline.select("//g[@class='row']")).extracting(e -> e.getAttribute("data-thread"))
                .containsExactly("turns-0", "turns-1");
        assertThat(timeline.texts("//text[@class='subtitle']")).singleElement().asString()
                .contains("switch lock").contains("switch interval 200 µs").contains("2 threads");
        assertThat(Files.readString(files.traceJson())).contains("\"traceEvents\"");
    }

    @Test
    void aLessonWithoutATraceGetsItsChartButNoTimeline() {
        LessonResult r = result(List.of(row("1 thread", 1, 1)), null);

        LessonReport.Files files = LessonReport.write(r, null, dir);

        assertThat(files.chartPng()).isRegularFile();
        assertThat(files.timelineSvg()).isNull();
        assertThat(files.traceJson()).isNull();
        assertThatThrownBy(() -> LessonReport.writeTimeline(r, null, dir.resolve("t.svg")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lesson 07 recorded no lock trace");
    }

    @Test
    void aLessonThatChoseBarsIsDrawnAsBarsOneSeriesPerName() throws Exception {
        LessonResult r = result(List.of(row("1 thread", 1, 1)), null)
                .withChart(LessonChart.bars("Round trips per second",
                "round trips per second", List.of(LessonChart.bar("rate", "alone", 4000),
                        LessonChart.bar("rate", "beside a CPU thread", 130))));

        Picture picture = LessonReport.picture(r);

        assertThat(picture.panels()).singleElement().isInstanceOfSatisfying(CategoryChart.class, c -> {
            assertThat(c.getSeriesMap().keySet()).containsExactly("rate");
            assertThat(c.getTitle()).isEqualTo("Lesson 07: Round trips per second");
        });
        BufferedImage png = ImageIO.read(LessonReport.write(r, null, dir).chartPng().toFile());
        assertThat(png.getWidth()).isEqualTo(Charts.WIDTH);
    }

    @Test
    void aLessonThatChoseLinesIsDrawnAsLinesInOrderOfX() {
        LessonResult r = result(List.of(row("1 thread", 1, 1)), null).withChart(LessonChart.lines("Cost", "bytes",
                "%", true, false, List.of(LessonChart.point("ffm", 1024, 2), LessonChart.point("ffm", 64, 40))));

        XYChart chart = (XYChart) LessonReport.picture(r).panels().get(0);

        assertThat(chart.getSeriesMap().get("ffm").getXData()).containsExactly(64.0, 1024.0);
        assertThat(chart.getStyler().isXAxisLogarithmic()).isTrue();
    }

    @Test
    void moreThanSixSeriesAreSplitIntoPanelsOfAtMostSixWithOneLegendAndNoRepeatedColour() {
        List<Row> rows = new java.util.ArrayList<>();
        for (String b : List.of("a", "b", "c", "d", "e", "f", "g")) {
            rows.add(row(b + ", 1 thread", 1, 1));
            rows.add(row(b + ", 2 threads", 2, 1.8));
        }

        Picture picture = LessonReport.picture(result(rows, null));

        assertThat(picture.panels()).hasSize(2).allSatisfy(p -> assertThat(p.getSeriesMap().size() - 2)
                .as("data series besides the ideal and 1x lines").isLessThanOrEqualTo(LessonChart.MAX_SERIES));
        assertThat(picture.legend()).extracting(Picture.LegendEntry::name)
                .containsExactly("ideal: speedup = threads", "1x: no gain", "a", "b", "c", "d", "e", "f", "g");
        assertThat(picture.legend().subList(2, 9)).extracting(Picture.LegendEntry::colour).doesNotHaveDuplicates();
        assertThat(LessonReport.chunks(List.of(1, 2, 3, 4, 5, 6, 7))).containsExactly(List.of(1, 2, 3, 4),
                List.of(5, 6, 7));
    }

    @Test
    void aChartWithTooFewOrBadPointsIsRefusedWhereItIsMade() {
        assertThatThrownBy(() -> LessonChart.bars("t", "y", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs points");
        assertThatThrownBy(() -> LessonChart.lines("t", "x", "y", false, true, List.of(LessonChart.point("s", 1, 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log axis needs positive values");
        assertThatThrownBy(() -> LessonChart.lines("t", "x", "y", false, false, List.of(LessonChart.bar("s", "c", 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs an x value");
    }

    @Test
    void theTraceOfATimelineGoesBesideItWithTheSameName() {
        assertThat(LessonReport.traceFileFor(Path.of("out", "lesson01.svg")))
                .isEqualTo(Path.of("out", "lesson01.json"));
        assertThat(LessonReport.traceFileFor(Path.of("PIC.SVG"))).isEqualTo(Path.of("PIC.json"));
    }
}
