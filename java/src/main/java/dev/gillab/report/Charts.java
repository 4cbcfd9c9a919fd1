package dev.gillab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The look every chart of the project shares (white, light grid, one colour-blind-safe palette,
 * sans-serif type, the legend in the canvas beside the plot, never over the data) and the ways
 * of writing one out: a PNG file, or PNG bytes to embed in a page.
 *
 * <p>No SVG: XChart draws every glyph as an outline, which makes an SVG of a few hundred
 * kilobytes without one {@code <text>} element. The hand-written SVGs ({@link TimelineSvg})
 * keep their text.
 *
 * <p>Charts are drawn off-screen: this class sets {@code java.awt.headless=true} unless the
 * JVM was started with a choice of its own, so a machine without a display never tries to
 * open one.
 */
final class Charts {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final int WIDTH = 760;
    static final int HEIGHT = 480;

    /**
     * The Okabe-Ito palette (Okabe and Ito, "Color Universal Design", 2008): eight colours that
     * stay distinct for the common kinds of colour blindness. Black first; yellow, faint on
     * white, last. A plot holds at most {@link #MAX_SERIES} series, so no colour repeats in one.
     */
    static final Color[] PALETTE = {
        new Color(0x000000), new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0xF0E442)
    };
    /** The most series one plot shows; more go into small multiples, one panel per group. */
    static final int MAX_SERIES = 6;
    /** Reference lines (ideal, 1x): grey, dashed or dotted. */
    static final Color REFERENCE = new Color(0x8a8f96);
    static final BasicStroke DASHED = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {6f, 5f}, 0f);
    static final BasicStroke DOTTED = new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND,
            10f, new float[] {1.5f, 4f}, 0f);

    private Charts() {
    }

    /** An empty line chart in the house style. */
    static XYChart xy(String title, String xAxisTitle, String yAxisTitle) {
        return xy(title, WIDTH, HEIGHT, xAxisTitle, yAxisTitle);
    }

    /** An empty line chart of the given size in the house style: a panel of small multiples. */
    static XYChart xy(String title, int width, int height, String xAxisTitle, String yAxisTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        style(chart.getStyler());
        chart.getStyler().setMarkerSize(8);
        return chart;
    }

    /** An empty bar chart in the house style. */
    static CategoryChart bars(String title, String xAxisTitle, String yAxisTitle) {
        return bars(title, WIDTH, xAxisTitle, yAxisTitle);
    }

    /** An empty bar chart of the given width in the house style. */
    static CategoryChart bars(String title, int width, String xAxisTitle, String yAxisTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(HEIGHT).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        style(chart.getStyler());
        chart.getStyler().setSeriesColors(PALETTE);
        return chart;
    }

    /** Adds a data line in the {@code index}-th palette colour, with the {@code index}-th marker shape. */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y, int index) {
        Color c = colour(index);
        XYSeries line = chart.addSeries(name, x, y);
        line.setLineColor(c);
        line.setLineWidth(2.2f);
        line.setMarker(MARKERS[index % MARKERS.length]);
        line.setMarkerColor(c);
        return line;
    }

    /** The {@code index}-th palette colour. */
    static Color colour(int index) {
        return PALETTE[index % PALETTE.length];
    }

    /** Marker shapes, so that lines differ by more than colour. */
    private static final org.knowm.xchart.style.markers.Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS, SeriesMarkers.OVAL
    };

    /** Adds a grey reference line without markers. */
    static void reference(XYChart chart, String name, double[] x, double[] y, BasicStroke stroke) {
        XYSeries line = chart.addSeries(name, x, y);
        line.setLineColor(REFERENCE);
        line.setLineStyle(stroke);
        line.setMarker(SeriesMarkers.NONE);
    }

    static void writePng(Chart<?, ?> chart, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart to " + file, e);
        }
    }

    /** The chart as PNG bytes, to embed in a page. */
    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the chart '" + chart.getTitle() + "'", e);
        }
    }

    private static void style(AxesChartStyler s) {
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
        s.setLegendPosition(LegendPosition.OutsideE);
        s.setLegendBorderColor(new Color(0xd0d4d9));
        s.setLegendBackgroundColor(new Color(255, 255, 255, 230));
        s.setChartPadding(14);
        s.setAntiAlias(true);
    }
}
