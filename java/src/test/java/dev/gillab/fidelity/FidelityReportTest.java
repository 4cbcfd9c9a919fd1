package dev.gillab.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.experiment.Machine;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FidelityReportTest {

    private static final RunConditions CONDITIONS = new RunConditions(new Machine(2, "Some CPU", "Linux 6.1 amd64",
            "25.0.1 (Vendor)", "gcc (Debian 12.2.0-14) 12.2.0", "2025-01-02T03:04:05Z",
            "gillab 1.2.3, commit 0123456789ab"), "CPython 3.11.7", "0.10 0.20 0.30", "0.40 0.50 0.60");

    private static final Metric TWO = Metric.ratio("t2/t1 at 5 ms", "t2", "t1", Tolerance.RATIO);
    private static final Metric FOUR = Metric.ratio("t4/t1 | piped", "t4", "t1", Tolerance.RATIO);

    private static FidelityReport report() {
        ScenarioResult countdown = new ScenarioResult(new ScenarioInfo(1, "countdown", "t_k / t_1"), List.of(
                Comparison.of(1, TWO, Series.of(1.0, 1.02, 0.98), Series.of(1.01, 1.0, 1.03), null),
                Comparison.of(1, FOUR, Series.of(1.0), Series.of(1.5), null)), 10, 12);
        ScenarioResult withoutPython = new ScenarioResult(new ScenarioInfo(6, "sleep", "wall / sleep"), List.of(
                Comparison.of(6, TWO, null, Series.of(1.01), "CPython: no python: '/nonexistent' not found")), 0, 3);
        return new FidelityReport(CONDITIONS, "gillab fidelity --quick", Effort.QUICK,
                List.of(countdown, withoutPython));
    }

    @Test
    void theTableHasOneRowPerComparisonWithMedianRangeToleranceAndVerdict() {
        String table = report().table();

        assertThat(table.lines().toList()).as("header, rule, three rows").hasSize(5);
        assertThat(table).contains("t2/t1 at 5 ms").contains("1 [0.98..1.02]").contains("1.01 [1..1.03]")
                .contains("holds");
        assertThat(table).as("1.5 against 1.0 is outside ±15%").contains("no: outside tolerance");
        assertThat(table).as("a missing side prints a dash and says why it is not judged")
                .contains("no CPython figure").containsPattern("sleep|t2/t1 at 5 ms\\s+-\\s+1.01");
    }

    @Test
    void theSummaryCountsOnlyTheRowsThatWereCompared() {
        assertThat(report().summary())
                .isEqualTo("1 of 2 comparisons hold (1 outside tolerance, 0 in the opposite direction); 1 "
                + "rows without both figures.");
    }

    @Test
    void theMarkdownNamesTheMachineTheCommandAndEscapesPipesInCells() {
        String md = report().markdown(List.of("fidelity-01.png", "fidelity-06.png"));

        assertThat(md).contains("2 cores, Some CPU").contains("`gillab fidelity --quick`").contains("CPython 3.11.7")
                .contains("0.10 0.20 0.30 before, 0.40 0.50 0.60 after").contains("25.0.1 (Vendor)")
                .contains("2025-01-02T03:04:05Z").contains("- gillab: gillab 1.2.3, commit 0123456789ab")
                .contains("- C compiler: gcc (Debian 12.2.0-14) 12.2.0");
        assertThat(md).as("a pipe inside a cell would break the table").contains("t4/t1 \\| piped");
        assertThat(md).contains("| 1 | t2/t1 at 5 ms | 1 [0.98..1.02] | 1.01 [1..1.03] | ±15% | holds |");
        assertThat(md).as("the reason a side is missing").contains("6. CPython: no python: '/nonexistent' not found");
        assertThat(md).contains("![1. countdown](fidelity-01.png)").contains("![6. sleep](fidelity-06.png)");
    }

    @Test
    void eachScenarioGetsAPngChartThatImageReadersAcceptAndNoOutlinedSvg(@TempDir Path dir) throws Exception {
        List<String> pngs = FidelityChart.writeAll(report(), dir.resolve("charts"));

        assertThat(pngs).containsExactly("fidelity-01.png", "fidelity-06.png");
        for (String png : pngs) {
            BufferedImage image = ImageIO.read(dir.resolve("charts").resolve(png).toFile());
            assertThat(image).as("%s decodes as an image", png).isNotNull();
            assertThat(image.getWidth()).as("width of %s", png).isEqualTo(900);
            assertThat(dir.resolve("charts").resolve(png.replace(".png", ".svg"))).as("no SVG without text")
                    .doesNotExist();
        }
    }

    @Test
    void aChartWithoutCPythonFiguresDrawsGillabAlone() {
        assertThat(FidelityChart.chart(report().results().get(1)).getSeriesMap().keySet()).containsExactly("gillab");
        assertThat(FidelityChart.chart(report().results().get(0)).getSeriesMap().keySet())
                .containsExactly("CPython", "gillab");
    }
}
