package dev.gillab.fidelity;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * One grouped bar chart per scenario: for each compared figure, CPython's median beside
 * gillab's, written as PNG ({@code fidelity-NN.png}; no SVG, since XChart's would draw every
 * glyph as an outline). Drawing needs no display: XChart paints into an off-screen image.
 */
public final class FidelityChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 720;

    private FidelityChart() {
    }

    /**
     * Writes every scenario's chart into {@code dir} (created if needed) and returns the PNG
     * files' names, in order; a skipped scenario has none.
     */
    public static List<String> writeAll(FidelityReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> pngs = new ArrayList<>();
        for (ScenarioResult r : report.results()) {
            if (r.comparisons().stream().allMatch(c -> c.judgement() == Judgement.SKIPPED)) {
                continue; // nothing measured, nothing to draw
            }
            String base = fileName(r.info());
            CategoryChart chart = chart(r);
            try (OutputStream out = Files.newOutputStream(dir.resolve(base + ".png"))) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
            pngs.add(base + ".png");
        }
        return pngs;
    }

    /** The chart's file name without extension: {@code fidelity-NN}. */
    static String fileName(ScenarioInfo info) {
        return String.format(Locale.ROOT, "fidelity-%02d", info.number());
    }

    /** The chart of one scenario: a CPython series (if it ran) and a gillab series. */
    static CategoryChart chart(ScenarioResult r) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(r.info().number() + ". " + r.info().title()).xAxisTitle("").yAxisTitle(r.info().unit()).build();
        CategoryStyler style = chart.getStyler();
        style.setLegendPosition(Styler.LegendPosition.OutsideE);
        style.setSeriesColors(new java.awt.Color[] {new java.awt.Color(0x0072B2), new java.awt.Color(0xD55E00)});
        style.setXAxisLabelRotation(90);
        style.setAvailableSpaceFill(0.7);
        List<String> labels = r.comparisons().stream().map(Comparison::what).toList();
        List<Double> cpython = medians(r.comparisons(), true);
        List<Double> gillab = medians(r.comparisons(), false);
        if (cpython.stream().anyMatch(v -> v != null)) {
            chart.addSeries("CPython", labels, cpython);
        }
        chart.addSeries("gillab", labels, gillab);
        return chart;
    }

    /** The medians of one side; null where that side has no figure. */
    private static List<Double> medians(List<Comparison> rows, boolean cpython) {
        List<Double> out = new ArrayList<>();
        for (Comparison c : rows) {
            Series s = cpython ? c.cpython() : c.gillab();
            out.add(s == null ? null : s.median());
        }
        return out;
    }
}
