package dev.gillab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.report.SpeedupChart.Point;
import dev.gillab.report.SpeedupChart.Series;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** The speedup chart: its lines, and PNG and SVG files that other programs can read. */
class SpeedupChartTest {

    @TempDir
    Path dir;

    private static SpeedupChart twoSeries() {
        return new SpeedupChart("Scaling", List.of(
                new Series("interpreted", List.of(new Point(1, 1), new Point(2, 0.97), new Point(4, 0.95))),
                new Series("native, lock released", List.of(new Point(1, 1), new Point(2, 1.9), new Point(4, 1.95)))));
    }

    @Test
    void theChartDrawsEverySeriesOverTheIdealAndTheOneXLines() {
        XYChart chart = twoSeries().chart();

        assertThat(chart.getSeriesMap().keySet()).containsExactly("ideal: speedup = threads", "1x: no gain",
                "interpreted", "native, lock released");
        assertThat(chart.getSeriesMap().get("ideal: speedup = threads").getYMax())
                .as("the ideal reaches the most threads")
                .isEqualTo(4.0);
        assertThat(chart.getStyler().getYAxisMax()).as("room above the ideal line").isGreaterThan(4.0);
    }

    @Test
    void writePngProducesAPngThatImageIoReads() throws Exception {
        Path file = dir.resolve("scaling.png");
        twoSeries().writePng(file);

        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png).as("ImageIO reads the PNG").isNotNull();
        assertThat(png.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(png.getHeight()).isEqualTo(Charts.HEIGHT);
    }

    @Test
    void eachSeriesHasItsOwnColourAndMarkerAndTheLegendSitsBesideThePlot() {
        XYChart chart = twoSeries().chart();

        assertThat(chart.getSeriesMap().get("interpreted").getLineColor())
                .isNotEqualTo(chart.getSeriesMap().get("native, lock released").getLineColor());
        assertThat(chart.getSeriesMap().get("interpreted").getMarker().getClass())
                .isNotEqualTo(chart.getSeriesMap().get("native, lock released").getMarker().getClass());
        assertThat(chart.getStyler().getLegendPosition()).as("never over the data").isEqualTo(LegendPosition.OutsideE);
    }

    @Test
    void theAxisTitlesCanBeChangedForOtherScalingCharts() {
        XYChart chart = twoSeries().withAxisTitles("threads", "ns per call").chart();

        assertThat(chart.getYAxisTitle()).isEqualTo("ns per call");
    }

    @Test
    void aChartWithoutSeriesOrASeriesWithoutPointsIsRefused() {
        assertThatThrownBy(() -> new SpeedupChart("t", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one series");
        assertThatThrownBy(() -> new Series("empty", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'empty' has no points");
    }
}
