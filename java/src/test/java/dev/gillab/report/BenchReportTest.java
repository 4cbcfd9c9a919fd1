package dev.gillab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.experiment.Machine;
import dev.gillab.report.Headline.Direction;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    private static final Machine TWO_CORES = new Machine(2, "Test CPU @ 2.0GHz", "Linux 6.1 amd64", "OpenJDK 25",
            "gcc 12.2.0", "2026-01-01T00:00Z", "gillab 1.2.3, commit 0123456789ab");

    @TempDir
    Path dir;

    private BenchReport.Written write(Path baseline) {
        return BenchReport.write(Fixtures.run(), baseline, dir, BenchReport.DEFAULT_NAME, TWO_CORES);
    }

    @Test
    void theMarkdownHasTheMachineTheHeadlinesAndASectionPerSuitePresent() throws IOException {
        String md = Files.readString(write(null).markdown());

        assertThat(md).as("machine").contains("| cores | 2 |").contains("| CPU | Test CPU @ 2.0GHz |")
                .contains("| JDK | OpenJDK 25 |").contains("| made by | gillab 1.2.3, commit 0123456789ab |");
        assertThat(md).as("headline rows with their values")
                .contains("| native released speedup at 2 threads (worst; ideal 2x) | 1.90x |")
                .contains("| release + re-take / ReentrantLock unlock + lock | 1.50x |")
                .contains("| jna noop / ffm noop | 25.00x |");
        assertThat(md).as("a section per suite in the file").contains("## ScalingBenchmark", "## CallOverheadBenchmark",
                "## ArrayPassingBenchmark", "## UncontendedReleaseBenchmark", "## HandOffBenchmark",
                        "## ConvoyBenchmark",
                "## ContendedLockBenchmark");
        assertThat(md).as("the secondary metrics of @AuxCounters").contains("forcedDrops 190").contains("switches 200");
        assertThat(md).as("NaN error bars are left out, not printed").contains("| handOff | sample | 45 us/op |");
    }

    @Test
    void suitesAbsentFromTheResultsAreNamedInOneLineWithoutASection() throws IOException {
        String md = Files.readString(write(null).markdown());

        assertThat(md).contains("No section for: PollBenchmark, LockedCountdownScalingBenchmark, "
                + "SwitchIntervalSweepBenchmark, CatalogueBenchmark (not run, or not in this build).");
        assertThat(md).doesNotContain("## PollBenchmark").doesNotContain("## CatalogueBenchmark");
    }

    @Test
    void everyChartIsAPngInTheReportsFolderAndLinkedFromTheMarkdown() throws IOException {
        BenchReport.Written written = write(null);
        String md = Files.readString(written.markdown());

        assertThat(written.charts()).as("headline, scaling (pi), calls, arrays (ffm, jna), lock bars x3, convoy")
                .hasSize(9);
        for (Path png : written.charts()) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as("%s is a PNG", png).isNotNull();
            assertThat(image.getWidth()).as("%s width", png).isGreaterThanOrEqualTo(400);
            assertThat(png.getParent()).as("the charts' folder").isEqualTo(dir.resolve("report"));
            assertThat(md).as("linked from report.md").contains("](report/" + png.getFileName() + ")");
        }
        assertThat(written.charts()).extracting(p -> p.getFileName().toString())
                .contains("headline-calls-per-second.png", "scaling-pi.png", "call-overhead.png",
                "array-passing-ffm.png",
                        "array-passing-jna.png", "convoy.png");
    }

    @Test
    void theHeadlineChartComesFirstAndNamesEveryVariantByWhatItIs() throws IOException {
        BenchReport.Written written = write(null);
        String md = Files.readString(written.markdown());

        assertThat(md.indexOf(".png)")).as("the first picture of the report")
                .isEqualTo(md.indexOf("headline-calls-per-second.png)") + "headline-calls-per-second".length());
        assertThat(md.indexOf("](report/headline-calls-per-second.png)")).isLessThan(md.indexOf("## ScalingBenchmark"));
        assertThat(md).as("no raw parameter strings for a reader to decode").doesNotContain("binding=")
                .doesNotContain("lock=release").contains("pi: C via FFM, releases the lock");

        List<ReportDocument.Figure> headline = BenchCharts.headline(JmhResults.read(Fixtures.run())
                .suite("ScalingBenchmark"));
        Picture picture = headline.get(0).picture();
        assertThat(picture.legend()).extracting(Picture.LegendEntry::name)
                .as("Java holding the lock against C releasing it")
                .containsExactly("Java, holds the lock", "C via FFM, releases the lock",
                "C via JNA direct, releases the lock");
        XYChart pi = (XYChart) picture.panels().get(0);
        assertThat(pi.getStyler().isYAxisLogarithmic()).as("absolute calls per second, log axis").isTrue();
        assertThat(pi.getSeriesMap().get("C via FFM, releases the lock").getYData())
                .as("ops/s from the fixture at 1, 2, 4")
                .containsExactly(100.0, 196.0, 200.0);
    }

    /** Every configuration the scaling and convoy suites run, with made-up scores. */
    private static JmhResults fullGrid() {
        List<JmhResult> entries = new java.util.ArrayList<>();
        for (String kernel : List.of("countdown", "pi")) {
            for (String binding : List.of("java-locked", "java-free", "jna", "jna-direct", "javacpp", "ffm")) {
                for (String lock : List.of("hold", "release")) {
                    for (int threads : List.of(1, 2, 4)) {
                        entries.add(new JmhResult("dev.gillab.bench.ScalingBenchmark.call", "thrpt", threads,
                                java.util.Map.of("kernel", kernel, "binding", binding, "lock", lock), 100 * threads, 1,
                                "ops/s", new java.util.TreeMap<>(), java.util.Map.of()));
                    }
                }
            }
        }
        for (String mode : List.of("switch", "priority", "ticks")) {
            for (String cpu : List.of("0", "1", "2")) {
                for (String interval : List.of("500", "5000")) {
                    entries.add(new JmhResult("dev.gillab.bench.ConvoyBenchmark.roundTrip", "sample", 1,
                            java.util.Map.of("mode", mode, "cpuThreads", cpu, "switchIntervalMicros", interval), 50, 1,
                            "us/op", new java.util.TreeMap<>(java.util.Map.of(50.0, 40.0, 99.0, 4000.0)),
                                    java.util.Map.of()));
                }
            }
        }
        return new JmhResults(entries, "25");
    }

    @Test
    void noPlotHoldsMoreThanSixSeriesAndNoColourRepeatsInOne() {
        JmhResults run = fullGrid();
        List<ReportDocument.Figure> figures =
                new java.util.ArrayList<>(BenchCharts.headline(run.suite("ScalingBenchmark")));
        figures.addAll(BenchCharts.scaling(Speedup.of(run)));
        figures.addAll(BenchCharts.convoy(run.suite("ConvoyBenchmark")));
        figures.addAll(BenchCharts.callOverhead(run.suite("CallOverheadBenchmark")));
        assertThat(figures).isNotEmpty();
        for (ReportDocument.Figure f : figures) {
            for (var panel : f.picture().panels()) {
                var series = panel.getSeriesMap().values().stream()
                        .filter(x -> !(x instanceof org.knowm.xchart.XYSeries line)
                        || line.getLineColor() != Charts.REFERENCE)
                        .toList();
                assertThat(series).as("%s: %s", f.file(), panel.getTitle()).hasSizeLessThanOrEqualTo(Charts.MAX_SERIES);
                assertThat(series.stream().map(x -> x instanceof org.knowm.xchart.XYSeries line ? line.getLineColor()
                        : ((org.knowm.xchart.CategorySeries) x).getFillColor()).toList())
                        .as("%s: %s colours", f.file(), panel.getTitle()).doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void theHtmlIsSelfContained() throws IOException {
        BenchReport.Written written = write(null);
        String html = Files.readString(written.html());

        assertThat(Pattern.compile("data:image/png;base64,").matcher(html).results().count())
                .as("every chart embedded").isEqualTo(written.charts().size());
        assertThat(html).as("no external asset, no script").doesNotContain("<script").doesNotContain("src=\"http")
                .doesNotContain("href=\"http").doesNotContain("<link");
        assertThat(html).as("the same headline table").contains("<td>jna noop / ffm noop</td><td>25.00x</td>");
        assertThat(html).as("backticks become code").contains("<code>ReentrantLock</code>").doesNotContain("`");
    }

    @Test
    void withABaselineEachFigureAndScoreShowsItsChangeAndWhetherItIsBetter() throws IOException {
        String md = Files.readString(write(Fixtures.baseline()).markdown());

        assertThat(md).as("release + re-take fell from 40 to 30 ns: 0.75x, better")
                .contains("| release + re-take | 30 ns | UncontendedReleaseBenchmark.releaseAndRetake mode=switch "
                        + "| 40 ns | 0.75x, better |");
        assertThat(md).as("the worst released speedup fell from 1.95x to 1.90x")
                .containsPattern("\\| native released speedup at 2 threads \\(worst; ideal 2x\\) \\| 1.90x "
                + "\\|[^\\n]*\\| 1.95x \\| 0.97x, worse \\|");
        assertThat(md).as("ffm noop 10 against 12 ns, errors 0.5 each: better")
                .contains("| CallOverheadBenchmark | noop: C via FFM | 10 ± 0.5 ns/op | 12 ± "
                + "0.5 ns/op | 0.83x, better |");
        assertThat(md).as("an unchanged score")
                .contains("| HandOffBenchmark | handOff | 45 us/op | 45 us/op | 1.00x, within error |");
    }

    @Test
    void aChangeIsJudgedByTheMetricsDirectionAndTheErrorBars() {
        assertThat(BenchReport.change(12, 10, 0.5, 0.5, Direction.HIGHER_IS_BETTER)).isEqualTo("1.20x, better");
        assertThat(BenchReport.change(12, 10, 0.5, 0.5, Direction.LOWER_IS_BETTER)).isEqualTo("1.20x, worse");
        assertThat(BenchReport.change(10.5, 10, 0.3, 0.3, Direction.LOWER_IS_BETTER)).as("0.5 apart, errors 0.6")
                .isEqualTo("1.05x, within error");
        assertThat(BenchReport.change(10.5, 10, Double.NaN, Double.NaN, Direction.LOWER_IS_BETTER)).as("no error bars")
                .isEqualTo("1.05x, worse");
        assertThat(BenchReport.change(0.9, 1.0, 0, 0, Direction.NEITHER)).isEqualTo("0.90x, changed");
    }

    @Test
    void aFileThatIsNotJmhJsonIsRejectedWithItsName() throws IOException {
        Path notJmh = Files.writeString(dir.resolve("other.json"), "{\"benchmark\": 1}");
        Path notJson = Files.writeString(dir.resolve("text.json"), "hello");

        assertThatThrownBy(() -> JmhResults.read(notJmh)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other.json is not a JMH result file");
        assertThatThrownBy(() -> JmhResults.read(notJson)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text.json is not JSON");
    }

    @Test
    void aRealQuickRunMakesAReportOfTheSuitesItRan() throws IOException {
        BenchReport.Written written = BenchReport.write(Fixtures.realQuick(), null, dir, BenchReport.DEFAULT_NAME,
                TWO_CORES);
        String md = Files.readString(written.markdown());

        JmhResults real = JmhResults.read(Fixtures.realQuick());
        assertThat(real.jdk()).as("the JDK from the JSON").contains("25");
        assertThat(md).contains("## CallOverheadBenchmark", "## UncontendedReleaseBenchmark", "## HandOffBenchmark");
        double jnaOverFfm = Headlines.of(real, 2).stream().filter(h -> h.name().equals("jna noop / ffm noop"))
                .findFirst().orElseThrow().value();
        assertThat(jnaOverFfm).as("JNA's interface mapping costs several times an FFM call, as measured")
                .isGreaterThan(2);
        assertThat(written.charts()).allMatch(Files::isRegularFile);
    }

    @Test
    void aNamedReportHasItsOwnFilesAndChartFolder() throws IOException {
        BenchReport.Written written = BenchReport.write(Fixtures.run(), null, dir, "RESULTS", TWO_CORES);

        assertThat(written.markdown()).isEqualTo(dir.resolve("RESULTS.md"));
        assertThat(written.html()).isEqualTo(dir.resolve("RESULTS.html"));
        assertThat(written.charts()).isNotEmpty().allMatch(p -> p.getParent().equals(dir.resolve("results")));
        assertThat(Files.readString(written.markdown())).as("charts linked from their folder")
                .contains("](results/scaling-pi.png)").contains("| C compiler | gcc 12.2.0 |");
    }

    @Test
    void aNameThatIsNotAFileNameIsRefused() {
        assertThatThrownBy(() -> BenchReport.write(Fixtures.run(), null, dir, "../escape", TWO_CORES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("report name");
    }
}
