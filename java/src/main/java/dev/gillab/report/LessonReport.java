package dev.gillab.report;

import dev.gillab.experiment.Row;
import dev.gillab.lesson.LessonChart;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lock.Trace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The files one lesson run leaves behind: its chart (PNG), the one the lesson chose to answer
 * its question ({@link LessonChart}), and the timeline of its traced run (SVG, with the Chrome
 * trace JSON beside it for Perfetto).
 *
 * <p>A speedup chart's lines come from the table's rows: rows whose labels differ only by the
 * thread count ("2 threads", "released, 4 threads") form one line, named by what is left
 * ("released"); a table whose labels are nothing but thread counts is one line, "measured".
 * Bars and lines come from the chart's own points. More than {@link LessonChart#MAX_SERIES}
 * series are drawn as small multiples, that many series to a panel.
 */
public final class LessonReport {

    /** "4 threads", "1 thread", "thread": the part of a row label that a chart's x axis already says. */
    private static final Pattern THREAD_COUNT = Pattern.compile("(?i)\\b(\\d+\\s*)?threads?\\b");
    /** What removing it can leave behind: "()", ", ,", a separator at either end. */
    private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\(\\s*\\)|\\[\\s*]");
    private static final Pattern REPEATED_SEPARATORS = Pattern.compile("\\s*([,;:])(\\s*[,;:])+");
    private static final Pattern EDGE_SEPARATORS = Pattern.compile("^[\\s,;:/-]+|[\\s,;:/-]+$");

    /** What was written; the timeline files are null when the lesson recorded no trace. */
    public record Files(Path chartPng, Path timelineSvg, Path traceJson) {
    }

    private LessonReport() {
    }

    /**
     * Writes {@code lessonNN-chart.png}, {@code lessonNN-timeline.svg} and
     * {@code lessonNN-timeline.json} into {@code directory}.
     *
     * @param switchIntervalMicros the switch interval the user chose, for the timeline's title; null: the lesson's own
     */
    public static Files write(LessonResult result, Long switchIntervalMicros, Path directory) {
        String base = "lesson" + result.info().id();
        Path chart = directory.resolve(base + "-chart.png");
        picture(result).writePng(chart);
        Path timeline = null;
        Path json = null;
        if (hasTrace(result)) {
            timeline = directory.resolve(base + "-timeline.svg");
            json = writeTimeline(result, switchIntervalMicros, timeline);
        }
        return new Files(chart, timeline, json);
    }

    /** Whether the lesson recorded a trace to draw. */
    public static boolean hasTrace(LessonResult result) {
        return result.trace() != null && result.trace().enabled();
    }

    /**
     * Writes the timeline of the lesson's traced run to {@code svgFile} and its Chrome trace
     * beside it ({@link #traceFileFor}); returns the trace's path.
     *
     * @throws IllegalStateException if the lesson recorded no trace
     */
    public static Path writeTimeline(LessonResult result, Long switchIntervalMicros, Path svgFile) {
        if (!hasTrace(result)) {
            throw new IllegalStateException("lesson " + result.info().id() + " recorded no lock trace to draw");
        }
        Trace trace = result.trace();
        TimelineModel model = TimelineModel.of(trace.events(), trace.dropped());
        TimelineSvg.write(model, timelineTitle(result.info()), timelineSubtitle(trace.processName(), model,
                switchIntervalMicros),
                svgFile);
        Path json = traceFileFor(svgFile);
        trace.writeChromeTrace(json);
        return json;
    }

    /** {@code x.svg} -> {@code x.json}: where a timeline's Chrome trace goes. */
    public static Path traceFileFor(Path svgFile) {
        String name = svgFile.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".svg") ? name.substring(0, name.length() - 4) : name;
        return svgFile.resolveSibling(stem + ".json");
    }

    /** The lesson's chart, of the kind it chose. */
    static Picture picture(LessonResult result) {
        LessonChart spec = result.chart();
        String title = "Lesson " + result.info().id() + ": "
                + (spec.title().isEmpty() ? result.info().title() : spec.title());
        List<Chart<?, ?>> panels = new ArrayList<>();
        switch (spec.kind()) {
            case SPEEDUP -> {
                List<SpeedupChart.Series> series = speedupSeries(result);
                List<List<SpeedupChart.Series>> groups = chunks(series);
                for (List<SpeedupChart.Series> group : groups) {
                    int first = series.indexOf(group.get(0));
                    panels.add(new SpeedupChart(groups.size() == 1 ? title : "", group)
                            .chart(width(series.size()), Charts.HEIGHT,
                            IntStream.range(first, first + group.size()).boxed().toList()));
                }
            }
            case BARS -> {
                List<String> series = spec.series();
                for (List<String> group : chunks(series)) {
                    panels.add(bars(title, spec, group, series.indexOf(group.get(0))));
                }
            }
            case LINES -> {
                List<String> series = spec.series();
                for (List<String> group : chunks(series)) {
                    panels.add(lines(title, spec, group, series.indexOf(group.get(0))));
                }
            }
        }
        return panels.size() == 1 ? Picture.of(panels.get(0)) : Picture.grid(title, panels, 2);
    }

    private static int width(int series) {
        return series > LessonChart.MAX_SERIES ? Charts.WIDTH * 3 / 4 : Charts.WIDTH;
    }

    private static CategoryChart bars(String title, LessonChart spec, List<String> series, int firstColour) {
        List<String> categories = spec.categories();
        int width = Math.max(Charts.WIDTH, 300 + 70 * categories.size() * Math.max(1, series.size()) / 2);
        CategoryChart chart = Charts.bars(title, width, "", spec.yAxis());
        chart.getStyler().setXAxisLabelRotation(categories.size() > 6 ? 40 : categories.size() > 3 ? 20 : 0);
        boolean single = spec.series().size() == 1;
        chart.getStyler().setLegendVisible(!single);
        chart.getStyler().setLabelsVisible(single);
        chart.getStyler().setLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        chart.getStyler().setYAxisDecimalPattern("#,##0.#");
        int colour = single ? 1 : firstColour;
        for (String name : series) {
            List<Double> y = categories.stream().map(c -> spec.points().stream()
                    .filter(p -> p.series().equals(name) && c.equals(p.category())).mapToDouble(LessonChart.Point::y)
                    .findFirst().orElse(Double.NaN)).map(v -> Double.isNaN(v) ? null : v).toList();
            chart.addSeries(name, categories, y).setFillColor(Charts.colour(colour++));
        }
        return chart;
    }

    private static XYChart lines(String title, LessonChart spec, List<String> series, int firstColour) {
        XYChart chart = Charts.xy(title, spec.xAxis(), spec.yAxis());
        chart.getStyler().setXAxisLogarithmic(spec.logX());
        chart.getStyler().setYAxisLogarithmic(spec.logY());
        int colour = firstColour;
        for (String name : series) {
            List<LessonChart.Point> line = spec.points().stream().filter(p -> p.series().equals(name))
                    .sorted(Comparator.comparingDouble(LessonChart.Point::x)).toList();
            Charts.line(chart, name, line.stream().mapToDouble(LessonChart.Point::x).toArray(),
                    line.stream().mapToDouble(LessonChart.Point::y).toArray(), colour++);
        }
        return chart;
    }

    /** {@code items} in groups of at most {@link LessonChart#MAX_SERIES}, as even as can be. */
    static <T> List<List<T>> chunks(List<T> items) {
        int panels = Math.max(1, (items.size() + LessonChart.MAX_SERIES - 1) / LessonChart.MAX_SERIES);
        int size = (items.size() + panels - 1) / panels;
        List<List<T>> groups = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            groups.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return groups;
    }

    /** The table's rows as chart lines, grouped by label without its thread count, points in thread order. */
    public static List<SpeedupChart.Series> speedupSeries(LessonResult result) {
        Map<String, List<SpeedupChart.Point>> lines = new LinkedHashMap<>();
        for (Row r : result.rows()) {
            String name = lineName(r.label());
            lines.computeIfAbsent(name.isEmpty() ? "measured" : name, n -> new ArrayList<>())
                    .add(new SpeedupChart.Point(r.threads(), r.speedup()));
        }
        List<SpeedupChart.Series> series = new ArrayList<>();
        lines.forEach((name, points) -> {
            List<SpeedupChart.Point> sorted = new ArrayList<>(points);
            sorted.sort(Comparator.comparingDouble(SpeedupChart.Point::threads));
            series.add(new SpeedupChart.Series(name, sorted));
        });
        return series;
    }

    /** A row label without its thread count: "released, 4 threads, 64 KiB" -> "released, 64 KiB". */
    static String lineName(String label) {
        String rest = EMPTY_BRACKETS.matcher(THREAD_COUNT.matcher(label).replaceAll("")).replaceAll("");
        rest = REPEATED_SEPARATORS.matcher(rest).replaceAll("$1");
        return EDGE_SEPARATORS.matcher(rest).replaceAll("").replaceAll("\\s+", " ");
    }

    static String timelineTitle(LessonInfo info) {
        return "Lesson " + info.id() + ": " + info.title() + " \u2014 who holds the lock";
    }

    static String timelineSubtitle(String processName, TimelineModel model, Long switchIntervalMicros) {
        String interval = switchIntervalMicros == null ? "the lesson's switch interval"
                : String.format(Locale.ROOT, "switch interval %,d \u00b5s", switchIntervalMicros);
        String window = model.droppedEvents() == 0 ? "every event kept"
                : String.format(Locale.ROOT, "the newest %,d events; %,d older ones overwritten",
                        model.events(), model.droppedEvents());
        return String.format(Locale.ROOT, "%s \u00b7 %s \u00b7 %d threads \u00b7 %.1f ms shown (%s)",
                processName, interval, model.rows().size(), model.spanNanos() / 1e6, window);
    }
}
