package dev.gillab.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.XYStyler;

/**
 * A line chart of speedup against thread count, one line per series, with the two lines that
 * give it meaning: the ideal, speedup = threads (every thread on a core of its own), and 1x
 * (no gain at all). Drawn with XChart, written as PNG.
 *
 * <p>Reusable for any "how does it scale" picture: a lesson's rows, a kernel per series, a
 * binding per series. The axis titles can be changed ({@link #withAxisTitles}); x values are
 * thread counts, so only whole numbers are labelled.
 *
 * <p>The house style and the file writing are {@link Charts}'.
 */
public final class SpeedupChart {

    /** One point: {@code threads} threads ran at {@code speedup} times the baseline. */
    public record Point(double threads, double speedup) {
    }

    /** One line of the chart, drawn through its points in the order given. */
    public record Series(String name, List<Point> points) {

        public Series {
            Objects.requireNonNull(name, "name");
            points = List.copyOf(points);
            if (points.isEmpty()) {
                throw new IllegalArgumentException("series '" + name + "' has no points");
            }
        }
    }

    private final String title;
    private final String xAxisTitle;
    private final String yAxisTitle;
    private final List<Series> series;

    /** A chart of {@code series}, with axes "threads" and "speedup". */
    public SpeedupChart(String title, List<Series> series) {
        this(title, "threads", "speedup over the baseline", series);
    }

    private SpeedupChart(String title, String xAxisTitle, String yAxisTitle, List<Series> series) {
        this.title = Objects.requireNonNull(title, "title");
        this.xAxisTitle = xAxisTitle;
        this.yAxisTitle = yAxisTitle;
        this.series = List.copyOf(series);
        if (this.series.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one series");
        }
    }

    /** The same chart with other axis titles. */
    public SpeedupChart withAxisTitles(String x, String y) {
        return new SpeedupChart(title, x, y, series);
    }

    /** Writes the chart as a PNG file. */
    public void writePng(Path file) {
        Charts.writePng(chart(), file);
    }

    /** The XChart chart: the data series in palette colours over the ideal and 1x reference lines. */
    XYChart chart() {
        return chart(Charts.WIDTH, Charts.HEIGHT, java.util.stream.IntStream.range(0, series.size()).boxed().toList());
    }

    /**
     * The chart at the given size, the i-th series in the palette colour {@code colours.get(i)}:
     * a panel of small multiples, where a series keeps its colour from panel to panel.
     */
    XYChart chart(int width, int height, List<Integer> colours) {
        double maxThreads = series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::threads).max()
                .orElseThrow();
        double maxSpeedup = series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::speedup).max()
                .orElseThrow();
        double xMax = Math.max(2, maxThreads);
        XYChart chart = Charts.xy(title, width, height, xAxisTitle, yAxisTitle);
        XYStyler styler = chart.getStyler();
        styler.setXAxisMin(1.0);
        styler.setXAxisMax(xMax);
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(Math.ceil(Math.max(xMax, maxSpeedup) * 1.1 * 2) / 2);
        chart.setCustomXAxisTickLabelsFormatter(x -> x == Math.rint(x) ? String.format(Locale.ROOT, "%.0f", x) : "");
        chart.setCustomYAxisTickLabelsFormatter(y -> String.format(Locale.ROOT, "%.1fx", y));

        Charts.reference(chart, "ideal: speedup = threads", new double[] {1, xMax}, new double[] {1, xMax},
                Charts.DASHED);
        Charts.reference(chart, "1x: no gain", new double[] {1, xMax}, new double[] {1, 1}, Charts.DOTTED);
        for (int i = 0; i < series.size(); i++) {
            Series line = series.get(i);
            double[] x = line.points().stream().mapToDouble(Point::threads).toArray();
            double[] y = line.points().stream().mapToDouble(Point::speedup).toArray();
            Charts.line(chart, line.name(), x, y, colours.get(i));
        }
        return chart;
    }
}
