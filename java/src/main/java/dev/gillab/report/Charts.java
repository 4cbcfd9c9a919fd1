package dev.gillab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The look every chart of the project shares (white, light grid, one palette, sans-serif
 * type) and the ways of writing one out: PNG and SVG files, or PNG bytes to embed in a page.
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

    static final Color[] PALETTE = {
        new Color(0x3f6fb5), new Color(0xd9642b), new Color(0x4fa56a), new Color(0x8e5ab5),
        new Color(0xc8312b), new Color(0x2aa1b3), new Color(0x9c7a2f), new Color(0xd45e9c)
    };
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
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        style(chart.getStyler());
        chart.getStyler().setMarkerSize(8);
        return chart;
    }

    /** An empty bar chart in the house style. */
    static CategoryChart bars(String title, String xAxisTitle, String yAxisTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        style(chart.getStyler());
        chart.getStyler().setSeriesColors(PALETTE);
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    /** Adds a data line in the {@code index}-th palette colour, with round markers. */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y, int index) {
        Color c = PALETTE[index % PALETTE.length];
        XYSeries line = chart.addSeries(name, x, y);
        line.setLineColor(c);
        line.setLineWidth(2.2f);
        line.setMarker(SeriesMarkers.CIRCLE);
        line.setMarkerColor(c);
        return line;
    }

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

    static void writeSvg(Chart<?, ?> chart, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
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
        s.setLegendPosition(LegendPosition.InsideNW);
        s.setLegendBorderColor(new Color(0xd0d4d9));
        s.setLegendBackgroundColor(new Color(255, 255, 255, 230));
        s.setChartPadding(14);
        s.setAntiAlias(true);
    }
}
