package dev.gillab.report;

import dev.gillab.report.TimelineModel.DropMark;
import dev.gillab.report.TimelineModel.Interval;
import dev.gillab.report.TimelineModel.State;
import dev.gillab.report.TimelineModel.ThreadRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Draws a {@link TimelineModel} as an SVG picture, by hand: a title, a legend, one row per
 * thread (its name and its shares of holding and waiting on the left, its intervals as
 * coloured bars, the drop requests it received as small triangles above them) and a time axis
 * in milliseconds with grid lines.
 *
 * <p>Long runs stay readable and small: the model is first {@link TimelineModel#coarsened
 * coarsened} to one pixel, so no bar is thinner than a pixel and a row has at most about as
 * many bars as the plot is wide. Colours live in one CSS block; every bar is a {@code rect}
 * with a class and two numbers.
 */
public final class TimelineSvg {

    static final int WIDTH = 1200;
    static final int LABEL_WIDTH = 190;
    static final int RIGHT_MARGIN = 30;
    static final int PLOT_WIDTH = WIDTH - LABEL_WIDTH - RIGHT_MARGIN;
    static final int ROW_HEIGHT = 34;
    static final int BAR_HEIGHT = 18;
    static final int ROWS_TOP = 104;
    static final int AXIS_HEIGHT = 56;

    private static final String FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";
    private static final String STYLE = """
            text { font-family: %s; fill: #222; }
            .title { font-size: 18px; font-weight: bold; }
            .subtitle, .note { font-size: 12px; fill: #555; }
            .name { font-size: 13px; }
            .share { font-size: 10.5px; fill: #666; }
            .legend text { font-size: 12px; }
            .tick { font-size: 11px; fill: #444; }
            .axis-title { font-size: 12px; fill: #444; }
            .stripe { fill: #f4f6f8; }
            .grid { stroke: #d8dce1; stroke-width: 1; }
            .axis { stroke: #666; stroke-width: 1; }
            .holding { fill: #3f6fb5; }
            .waiting { fill: #f2b24a; }
            .released { fill: #4fa56a; }
            .drop { fill: #c8312b; }
            """.formatted(FONT);

    private TimelineSvg() {
    }

    /** The picture as SVG text. */
    public static String render(TimelineModel model, String title, String subtitle) {
        StringBuilder svg = new StringBuilder(64 * 1024);
        int rows = model.rows().size();
        int height = ROWS_TOP + Math.max(rows, 1) * ROW_HEIGHT + AXIS_HEIGHT;
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n",
                WIDTH, height, WIDTH, height));
        svg.append("<style>\n").append(STYLE).append("</style>\n");
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, height));
        text(svg, "title", 20, 30, "start", title);
        text(svg, "subtitle", 20, 52, "start", subtitle);
        legend(svg);
        if (rows == 0 || model.spanNanos() <= 0) {
            text(svg, "note", LABEL_WIDTH, ROWS_TOP + ROW_HEIGHT / 2 + 4, "start",
                    "No lock events were recorded (was tracing on?).");
            return svg.append("</svg>\n").toString();
        }
        Scale x = new Scale(model.startNanos(), model.spanNanos());
        TimelineModel drawn = model.coarsened(x.nanosPerPixel());
        axis(svg, x, ROWS_TOP, ROWS_TOP + rows * ROW_HEIGHT);
        for (int i = 0; i < rows; i++) {
            row(svg, drawn.rows().get(i), model.spanNanos(), x, ROWS_TOP + i * ROW_HEIGHT, i);
        }
        return svg.append("</svg>\n").toString();
    }

    /** Writes the picture to {@code file} (UTF-8). */
    public static void write(TimelineModel model, String title, String subtitle, Path file) {
        try {
            Files.writeString(file, render(model, title, subtitle), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the timeline to " + file, e);
        }
    }

    /** Nanoseconds since the interpreter started to x pixels, across the plot. */
    private record Scale(long startNanos, long spanNanos) {

        double x(long nanos) {
            return LABEL_WIDTH + (double) (nanos - startNanos) / spanNanos * PLOT_WIDTH;
        }

        long nanosPerPixel() {
            return Math.max(1, spanNanos / PLOT_WIDTH);
        }
    }

    private static void legend(StringBuilder svg) {
        svg.append("<g class=\"legend\" id=\"legend\">\n");
        double at = 20;
        for (State s : State.values()) {
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"%s\" x=\"%.1f\" y=\"68\" width=\"22\" height=\"12\"/>%n", cssClass(s), at));
            text(svg, null, at + 28, 79, "start", s.description());
            at += 28 + 6.6 * s.description().length() + 30;
        }
        dropTriangle(svg, at + 8, 68, null);
        text(svg, null, at + 20, 79, "start", "drop request posted on the holder");
        svg.append("</g>\n");
    }

    private static void axis(StringBuilder svg, Scale x, int top, int bottom) {
        double spanMillis = x.spanNanos() / 1e6;
        double step = niceStep(spanMillis / 10);
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step));
        double startMillis = x.startNanos() / 1e6;
        svg.append("<g id=\"axis\">\n");
        for (double t = Math.ceil(startMillis / step) * step; t <= startMillis + spanMillis + step / 1e6; t += step) {
            double px = x.x(Math.round(t * 1e6));
            svg.append(String.format(Locale.ROOT,
                    "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>%n",
                    px, top - 4, px, bottom + 4));
            text(svg, "tick", px, bottom + 20, "middle", String.format(Locale.ROOT, "%." + decimals + "f", t));
        }
        svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
                LABEL_WIDTH, bottom + 4, LABEL_WIDTH + PLOT_WIDTH, bottom + 4));
        text(svg, "axis-title", LABEL_WIDTH + PLOT_WIDTH / 2.0, bottom + 42, "middle",
                "time since the interpreter started (ms)");
        svg.append("</g>\n");
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= rough) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static void row(StringBuilder svg, ThreadRow row, long spanNanos, Scale x, int top, int index) {
        svg.append(String.format(Locale.ROOT, "<g class=\"row\" data-thread=\"%s\" transform=\"translate(0,%d)\">%n",
                escape(row.name()), top));
        if (index % 2 == 0) {
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"stripe\" x=\"%d\" y=\"0\" width=\"%d\" height=\"%d\"/>%n",
                    LABEL_WIDTH, PLOT_WIDTH, ROW_HEIGHT));
        }
        text(svg, "name", LABEL_WIDTH - 12, 15, "end", row.name());
        text(svg, "share", LABEL_WIDTH - 12, 28, "end", String.format(Locale.ROOT, "held %.0f%% \u00b7 waited %.0f%%",
                100.0 * row.nanosIn(State.HOLDING) / spanNanos, 100.0 * row.nanosIn(State.WAITING) / spanNanos));
        int barTop = (ROW_HEIGHT - BAR_HEIGHT) / 2 + 2;
        for (Interval i : row.intervals()) {
            double from = x.x(i.startNanos());
            double width = Math.max(x.x(i.endNanos()) - from, 0.6);
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"%s\" x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\"/>%n",
                    cssClass(i.state()), from, barTop, width, BAR_HEIGHT));
        }
        for (DropMark d : row.drops()) {
            dropTriangle(svg, x.x(d.atNanos()), barTop - 7, d.from());
        }
        svg.append("</g>\n");
    }

    /** A small downward triangle whose tip touches {@code top + 7}, centred on {@code x}. */
    private static void dropTriangle(StringBuilder svg, double x, double top, String from) {
        svg.append(String.format(Locale.ROOT, "<path class=\"drop\" d=\"M%.2f %.1fh8l-4 7z\"", x - 4, top));
        if (from == null) {
            svg.append("/>\n");
        } else {
            svg.append("><title>drop request from ").append(escape(from)).append("</title></path>\n");
        }
    }

    private static String cssClass(State s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private static void text(StringBuilder svg, String cssClass, double x, double y, String anchor, String content) {
        svg.append("<text");
        if (cssClass != null) {
            svg.append(" class=\"").append(cssClass).append('"');
        }
        svg.append(String.format(Locale.ROOT, " x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x, y, anchor))
                .append(escape(content)).append("</text>\n");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
