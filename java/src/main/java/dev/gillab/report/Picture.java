package dev.gillab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One image of a report: a single chart, or small multiples, several charts in a grid that
 * share one title and one legend.
 *
 * <p>Small multiples keep every plot down to a handful of series: the same series (a
 * binding, a lock mode) appear in every panel in the same colour, and the legend, drawn once
 * across the top of the image, names them. The panels are XChart charts drawn without legends
 * of their own into one {@link BufferedImage}, laid out row by row.
 *
 * @param title   what the image shows; a single chart's own title
 * @param legend  the shared legend of small multiples (empty for a single chart, whose legend is its own)
 * @param panels  the charts, in reading order
 * @param columns panels per row
 */
record Picture(String title, List<LegendEntry> legend, List<Chart<?, ?>> panels, int columns) {

    /** One legend item: a line in a colour, dashed or not. */
    record LegendEntry(String name, Color colour, boolean dashed) {
    }

    private static final int TITLE_HEIGHT = 34;
    private static final int SWATCH = 26;
    private static final int GAP = 22;
    private static final int LEGEND_ROW_HEIGHT = 22;
    private static final int MARGIN = 14;

    Picture {
        Objects.requireNonNull(title, "title");
        legend = List.copyOf(legend);
        panels = List.copyOf(panels);
        if (panels.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("a picture needs at least one panel and one column");
        }
    }

    /** A single chart as it is. */
    static Picture of(Chart<?, ?> chart) {
        return new Picture(chart.getTitle(), List.of(), List.of(chart), 1);
    }

    /**
     * Small multiples: {@code panels} under one title and one legend, which names every series
     * of the panels once, in the colour of its first appearance (the panels' own legends are
     * hidden). Series of the same name should have the same colour in every panel.
     */
    static Picture grid(String title, List<? extends Chart<?, ?>> panels, int columns) {
        Map<String, LegendEntry> legend = new LinkedHashMap<>();
        for (Chart<?, ?> panel : panels) {
            panel.getStyler().setLegendVisible(false);
            for (Object s : panel.getSeriesMap().values()) {
                if (s instanceof XYSeries line) {
                    float[] dashes = line.getLineStyle() == null ? null : line.getLineStyle().getDashArray();
                    legend.putIfAbsent(line.getName(), new LegendEntry(line.getName(), line.getLineColor(),
                            dashes != null));
                } else if (s instanceof CategorySeries bar) {
                    legend.putIfAbsent(bar.getName(), new LegendEntry(bar.getName(), bar.getFillColor(), false));
                }
            }
        }
        return new Picture(title, List.copyOf(legend.values()), List.copyOf(panels), Math.min(columns, panels.size()));
    }

    /** The picture drawn. */
    BufferedImage image() {
        if (panels.size() == 1 && legend.isEmpty()) {
            return draw(panels.get(0));
        }
        int panelWidth = panels.get(0).getWidth();
        int panelHeight = panels.get(0).getHeight();
        int rows = (panels.size() + columns - 1) / columns;
        int width = columns * panelWidth;
        List<List<LegendEntry>> legendRows = legendRows(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB)
                .createGraphics(),
                width);
        int top = TITLE_HEIGHT + legendRows.size() * LEGEND_ROW_HEIGHT + MARGIN / 2;
        BufferedImage image = new BufferedImage(width, top + rows * panelHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(new Color(0x1f2328));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            FontMetrics title = g.getFontMetrics();
            g.drawString(this.title, (width - title.stringWidth(this.title)) / 2, TITLE_HEIGHT - 10);
            drawLegend(g, legendRows, width);
            for (int i = 0; i < panels.size(); i++) {
                g.drawImage(draw(panels.get(i)), (i % columns) * panelWidth, top + (i / columns) * panelHeight, null);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The picture as PNG bytes. */
    byte[] png() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image(), "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the chart '" + title + "'", e);
        }
        return bytes.toByteArray();
    }

    /** Writes the picture as a PNG file. */
    void writePng(Path file) {
        try {
            ImageIO.write(image(), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart to " + file, e);
        }
    }

    private static BufferedImage draw(Chart<?, ?> chart) {
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        return image;
    }

    private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    /** The legend's entries wrapped into rows that fit {@code width}. */
    private List<List<LegendEntry>> legendRows(Graphics2D g, int width) {
        FontMetrics m = g.getFontMetrics(LEGEND_FONT);
        List<List<LegendEntry>> rows = new ArrayList<>();
        List<LegendEntry> row = new ArrayList<>();
        int used = 0;
        for (LegendEntry e : legend) {
            int w = SWATCH + 6 + m.stringWidth(e.name()) + GAP;
            if (!row.isEmpty() && used + w > width - 2 * MARGIN) {
                rows.add(row);
                row = new ArrayList<>();
                used = 0;
            }
            row.add(e);
            used += w;
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        g.dispose();
        return rows;
    }

    private void drawLegend(Graphics2D g, List<List<LegendEntry>> rows, int width) {
        g.setFont(LEGEND_FONT);
        FontMetrics m = g.getFontMetrics();
        int y = TITLE_HEIGHT;
        for (List<LegendEntry> row : rows) {
            int rowWidth = row.stream().mapToInt(e -> SWATCH + 6 + m.stringWidth(e.name()) + GAP).sum() - GAP;
            int x = (width - rowWidth) / 2;
            int middle = y + LEGEND_ROW_HEIGHT / 2;
            for (LegendEntry e : row) {
                Stroke stroke = e.dashed() ? Charts.DASHED : new BasicStroke(2.6f);
                g.setStroke(stroke);
                g.setColor(e.colour());
                g.drawLine(x, middle, x + SWATCH, middle);
                g.setColor(new Color(0x1f2328));
                g.drawString(e.name(), x + SWATCH + 6, middle + m.getAscent() / 2 - 1);
                x += SWATCH + 6 + m.stringWidth(e.name()) + GAP;
            }
            y += LEGEND_ROW_HEIGHT;
        }
    }
}
