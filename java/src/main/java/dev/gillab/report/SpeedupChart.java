package dev.gillab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart of speedup against thread count, one line per series, with the two lines that
 * give it meaning: the ideal, speedup = threads (every thread on a core of its own), and 1x
 * (no gain at all). Written with XChart as PNG (for a glance) and SVG (for documents).
 *
 * <p>Reusable for any "how does it scale" picture: a lesson's rows, a kernel per series, a
 * binding per series. The axis titles can be changed ({@link #withAxisTitles}); x values are
 * thread counts, so only whole numbers are labelled.
 *
 * <p>Charts are drawn off-screen: the class sets {@code java.awt.headless=true} unless the
 * JVM was started with a choice of its own, so a machine without a display never tries to
 * open one.
 */
public final class SpeedupChart {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final int WIDTH = 760;
    static final int HEIGHT = 480;

    private static final Color[] PALETTE = {
        new Color(0x3f6fb5), new Color(0xd9642b), new Color(0x4fa56a), new Color(0x8e5ab5),
        new Color(0xc8312b), new Color(0x2aa1b3), new Color(0x9c7a2f), new Color(0xd45e9c)
    };
    private static final Color REFERENCE = new Color(0x8a8f96);
    private static final BasicStroke DASHED = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {6f, 5f}, 0f);
    private static final BasicStroke DOTTED = new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND,
            10f, new float[] {1.5f, 4f}, 0f);

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

    /** Writes {@code baseName.png} and {@code baseName.svg} into {@code directory}; returns both paths. */
    public List<Path> write(Path directory, String baseName) {
        Path png = directory.resolve(baseName + ".png");
        Path svg = directory.resolve(baseName + ".svg");
        writePng(png);
        writeSvg(svg);
        return List.of(png, svg);
    }

    public void writePng(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart(), out, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart to " + file, e);
        }
    }

    public void writeSvg(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            VectorGraphicsEncoder.saveVectorGraphic(chart(), out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart to " + file, e);
        }
    }

    /** The XChart chart: the data series in palette colours over the ideal and 1x reference lines. */
    XYChart chart() {
        double maxThreads = series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::threads).max()
                .orElseThrow();
        double maxSpeedup = series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::speedup).max()
                .orElseThrow();
        double xMax = Math.max(2, maxThreads);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        style(chart.getStyler(), xMax, Math.max(xMax, maxSpeedup));
        chart.setCustomXAxisTickLabelsFormatter(x -> x == Math.rint(x) ? String.format(Locale.ROOT, "%.0f", x) : "");
        chart.setCustomYAxisTickLabelsFormatter(y -> String.format(Locale.ROOT, "%.1fx", y));

        reference(chart.addSeries("ideal: speedup = threads", new double[] {1, xMax}, new double[] {1, xMax}), DASHED);
        reference(chart.addSeries("1x: no gain", new double[] {1, xMax}, new double[] {1, 1}), DOTTED);
        int colour = 0;
        for (Series s : series) {
            double[] x = s.points().stream().mapToDouble(Point::threads).toArray();
            double[] y = s.points().stream().mapToDouble(Point::speedup).toArray();
            Color c = PALETTE[colour++ % PALETTE.length];
            XYSeries line = chart.addSeries(s.name(), x, y);
            line.setLineColor(c);
            line.setLineWidth(2.2f);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setMarkerColor(c);
        }
        return chart;
    }

    private static void reference(XYSeries line, BasicStroke stroke) {
        line.setLineColor(REFERENCE);
        line.setLineStyle(stroke);
        line.setMarker(SeriesMarkers.NONE);
    }

    private static void style(XYStyler s, double xMax, double yMax) {
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(new Color(0xe3e6ea));
        s.setChartTitleFont(base.deriveFont(Font.BOLD, 15f));
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(base);
        s.setAxisTickLabelsFont(base.deriveFont(12f));
        s.setAxisTickMarksColor(new Color(0x666666));
        s.setLegendFont(base.deriveFont(12f));
        s.setLegendPosition(LegendPosition.InsideNW);
        s.setLegendBorderColor(new Color(0xd0d4d9));
        s.setLegendBackgroundColor(new Color(255, 255, 255, 230));
        s.setMarkerSize(8);
        s.setXAxisMin(1.0);
        s.setXAxisMax(xMax);
        s.setYAxisMin(0.0);
        s.setYAxisMax(Math.ceil(yMax * 1.1 * 2) / 2);
        s.setChartPadding(14);
        s.setAntiAlias(true);
    }
}
