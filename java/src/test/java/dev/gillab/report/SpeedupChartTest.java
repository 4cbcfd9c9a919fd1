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
        assertThat(chart.getSeriesMap().get("ideal: speedup = threads").getYMax()).as("the ideal reaches the most threads")
                .isEqualTo(4.0);
        assertThat(chart.getStyler().getYAxisMax()).as("room above the ideal line").isGreaterThan(4.0);
    }

    @Test
    void writeProducesAPngThatImageIoReadsAndAnSvgThatParses() throws Exception {
        List<Path> files = twoSeries().write(dir, "scaling");

        assertThat(files).containsExactly(dir.resolve("scaling.png"), dir.resolve("scaling.svg"));
        BufferedImage png = ImageIO.read(files.get(0).toFile());
        assertThat(png).as("ImageIO reads the PNG").isNotNull();
        assertThat(png.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(png.getHeight()).isEqualTo(Charts.HEIGHT);
        Svg svg = Svg.parse(files.get(1));
        assertThat(svg.rootName()).isEqualTo("svg");
        assertThat(svg.select("//path")).as("the SVG draws something").isNotEmpty();
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
