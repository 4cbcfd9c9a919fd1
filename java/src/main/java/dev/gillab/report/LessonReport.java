package dev.gillab.report;

import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.Row;
import dev.gillab.lock.Trace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The files one lesson run leaves behind: its speedup chart (PNG and SVG, from its table) and
 * the timeline of its traced run (SVG, with the Chrome trace JSON beside it for Perfetto).
 *
 * <p>The chart's lines come from the table's rows: rows whose labels differ only by the thread
 * count ("2 threads", "released, 4 threads") form one line, named by what is left ("released");
 * a table whose labels are nothing but thread counts is one line, "measured".
 */
public final class LessonReport {

    /** "4 threads", "1 thread", "thread": the part of a row label that a chart's x axis already says. */
    private static final Pattern THREAD_COUNT = Pattern.compile("(?i)\\b(\\d+\\s*)?threads?\\b");
    /** What removing it can leave behind: "()", ", ,", a separator at either end. */
    private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\(\\s*\\)|\\[\\s*]");
    private static final Pattern REPEATED_SEPARATORS = Pattern.compile("\\s*([,;:])(\\s*[,;:])+");
    private static final Pattern EDGE_SEPARATORS = Pattern.compile("^[\\s,;:/-]+|[\\s,;:/-]+$");

    /** What was written; the timeline files are null when the lesson recorded no trace. */
    public record Files(Path chartPng, Path chartSvg, Path timelineSvg, Path traceJson) {
    }

    private LessonReport() {
    }

    /**
     * Writes {@code lessonNN-speedup.png}, {@code lessonNN-speedup.svg},
     * {@code lessonNN-timeline.svg} and {@code lessonNN-timeline.json} into {@code directory}.
     *
     * @param switchIntervalMicros the switch interval the user chose, for the timeline's title; null: the lesson's own
     */
    public static Files write(LessonResult result, Long switchIntervalMicros, Path directory) {
        String base = "lesson" + result.info().id();
        List<Path> chart = speedupChart(result).write(directory, base + "-speedup");
        Path timeline = null;
        Path json = null;
        if (hasTrace(result)) {
            timeline = directory.resolve(base + "-timeline.svg");
            json = writeTimeline(result, switchIntervalMicros, timeline);
        }
        return new Files(chart.get(0), chart.get(1), timeline, json);
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
        TimelineSvg.write(model, timelineTitle(result.info()), timelineSubtitle(trace.processName(), model, switchIntervalMicros),
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

    /** The lesson's speedup chart: one line per kind of row. */
    public static SpeedupChart speedupChart(LessonResult result) {
        return new SpeedupChart("Lesson " + result.info().id() + ": " + result.info().title(), speedupSeries(result));
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
