package dev.gillab.lesson;

import dev.gillab.experiment.Row;
import dev.gillab.experiment.TextTable;
import dev.gillab.lock.Trace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a lesson run found: its table, a one-line conclusion, the figures its claim rests on
 * (for tests and benchmarks, by name), and the lock trace of its most telling run, from
 * which {@code gillab timeline} draws a picture.
 *
 * @param info       the lesson
 * @param rows       the table, one row per configuration
 * @param conclusion one line: what the figures say
 * @param metrics    the figures by their metrics' names, e.g. {@code "speedup.2"}: the JSON output's view;
 *                   a lesson builds them as {@link Figures} and reads them with {@link #get(Metric)}
 * @param trace      the trace of the run to draw, or null when none was recorded
 * @param chart      the chart that answers the lesson's question ({@link LessonChart#SPEEDUP} unless it says otherwise)
 */
public record LessonResult(LessonInfo info, List<Row> rows, String conclusion, Map<String, Double> metrics,
                           Trace trace, LessonChart chart) {

    public LessonResult {
        rows = List.copyOf(rows);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        chart = chart == null ? LessonChart.SPEEDUP : chart;
    }

    /** This result with another chart. */
    public LessonResult withChart(LessonChart other) {
        return new LessonResult(info, rows, conclusion, metrics, trace, other);
    }

    /** A result whose figures are typed ({@link Figures}). */
    public LessonResult(LessonInfo info, List<Row> rows, String conclusion, Figures figures, Trace trace,
                        LessonChart chart) {
        this(info, rows, conclusion, byName(figures), trace, chart);
    }

    private static Map<String, Double> byName(Figures figures) {
        Map<String, Double> m = new LinkedHashMap<>();
        figures.asMap().forEach((metric, value) -> m.put(metric.name(), value));
        return m;
    }

    /** The value of one of the lesson's figures; fails naming the measured ones if the run did not measure it. */
    public double get(Metric metric) {
        Double v = metrics.get(metric.name());
        if (v == null) {
            throw new IllegalArgumentException("lesson " + info.id() + " did not measure " + metric.name()
                    + " (" + metric.meaning() + "); it measured " + metrics.keySet());
        }
        return v;
    }

    /** Each of the lesson's expectations against this run. */
    public List<Judgement> judgements() {
        return info.expectations().stream()
                .map(e -> new Judgement(e, metrics.getOrDefault(e.metric().name(), Double.NaN)))
                .toList();
    }

    /** The table as aligned text, standard columns first, then the lesson's own. */
    public String table() {
        List<String> extraColumns = new ArrayList<>();
        for (Row r : rows) {
            for (String c : r.extra().keySet()) {
                if (!extraColumns.contains(c)) {
                    extraColumns.add(c);
                }
            }
        }
        List<String> header = new ArrayList<>(List.of("run", "threads", "wall ms", "speedup", "switches",
                "forced drops", "lock wait"));
        header.addAll(extraColumns);
        TextTable table = new TextTable(header);
        for (Row r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.label(), Integer.toString(r.threads()),
                    String.format(Locale.ROOT, "%.1f", r.wallMillis()),
                            String.format(Locale.ROOT, "%.2fx", r.speedup()),
                    Long.toString(r.switches()), Long.toString(r.forcedDrops()),
                    String.format(Locale.ROOT, "%.0f%%", 100 * r.waitShare())));
            for (String c : extraColumns) {
                cells.add(r.extra().getOrDefault(c, ""));
            }
            table.add(cells);
        }
        return table.render();
    }

    @Override
    public String toString() {
        return "Lesson " + info.id() + ": " + info.title() + "\n" + table() + "=> " + conclusion + "\n";
    }
}
