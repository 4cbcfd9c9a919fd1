package dev.gillab.report;

import dev.gillab.report.ReportDocument.Figure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/**
 * The charts of the benchmark report, one kind per suite:
 * <ul>
 *   <li>ScalingBenchmark: speedup against threads, one chart per kernel, one line per binding
 *       and lock, with the ideal line ({@link SpeedupChart});</li>
 *   <li>CallOverheadBenchmark: ns per call, bars per binding, one bar per method and
 *       bare/released;</li>
 *   <li>ArrayPassingBenchmark: ns per call against array length, log-log, one chart per
 *       binding, one line per kind of memory (copy, pinned, direct): where the lines cross,
 *       one way of passing overtakes another;</li>
 *   <li>ConvoyBenchmark: the latency distribution (CDF from JMH's percentiles), one chart per
 *       mode, one line per number of CPU-bound threads and switch interval;</li>
 *   <li>lock.SwitchIntervalSweepBenchmark: score against the switch interval, log x;</li>
 *   <li>any other suite: its scores as bars, one chart per unit.</li>
 * </ul>
 * File names are fixed per suite and kernel/mode, so two reports can be compared file by file.
 */
final class BenchCharts {

    private BenchCharts() {
    }

    static List<Figure> scaling(List<Speedup> speedups) {
        Map<String, List<Speedup>> byKernel = group(speedups, s -> s.param("kernel"));
        List<Figure> figures = new ArrayList<>();
        byKernel.forEach((kernel, points) -> {
            Map<String, List<Speedup>> lines = group(points, BenchCharts::lineName);
            List<SpeedupChart.Series> series = new ArrayList<>();
            lines.forEach((name, line) -> series.add(new SpeedupChart.Series(name, line.stream()
                    .sorted(Comparator.comparingInt(Speedup::threads))
                    .map(s -> new SpeedupChart.Point(s.threads(), s.speedup())).toList())));
            String title = "Scaling: " + (kernel.isEmpty() ? "all kernels" : kernel) + " (speedup over 1 thread)";
            figures.add(new Figure("scaling-" + fileName(kernel.isEmpty() ? "all" : kernel),
                    new SpeedupChart(title, series).chart()));
        });
        return figures;
    }

    static List<Figure> callOverhead(List<JmhResult> entries) {
        CategoryChart chart = Charts.bars("Call overhead per binding", "binding", unitOf(entries));
        Set<String> bindings = new LinkedHashSet<>();
        entries.forEach(e -> bindings.add(Objects.requireNonNullElse(e.param("binding"), "?")));
        Map<String, List<JmhResult>> series = group(entries,
                e -> e.param("around") == null ? e.method() : e.method() + ", " + e.param("around"));
        series.forEach((name, list) -> {
            List<Double> y = new ArrayList<>();
            for (String b : bindings) {
                y.add(list.stream().filter(e -> b.equals(e.param("binding"))).mapToDouble(JmhResult::score).findFirst()
                        .orElse(0));
            }
            chart.addSeries(name, List.copyOf(bindings), y);
        });
        chart.getStyler().setXAxisLabelRotation(30);
        return List.of(new Figure("call-overhead", chart));
    }

    static List<Figure> arrayPassing(List<JmhResult> entries) {
        List<Figure> figures = new ArrayList<>();
        group(entries, e -> Objects.requireNonNullElse(e.param("binding"), "")).forEach((binding, list) -> {
            XYChart chart = Charts.xy("Array passing" + (binding.isEmpty() ? "" : " through " + binding),
                    "array length (doubles)", unitOf(list));
            logLog(chart, true, true);
            int colour = 0;
            for (Map.Entry<String, List<JmhResult>> line : group(list, BenchCharts::memoryAndMethod).entrySet()) {
                List<JmhResult> points = line.getValue().stream().filter(e -> e.param("length") != null)
                        .sorted(Comparator.comparingDouble(e -> Double.parseDouble(e.param("length")))).toList();
                if (!points.isEmpty()) {
                    Charts.line(chart, line.getKey(), points.stream().mapToDouble(e -> Double.parseDouble(e.param("length")))
                            .toArray(), points.stream().mapToDouble(JmhResult::score).toArray(), colour++);
                }
            }
            if (colour > 0) {
                figures.add(new Figure("array-passing" + (binding.isEmpty() ? "" : "-" + fileName(binding)), chart));
            }
        });
        return figures;
    }

    static List<Figure> convoy(List<JmhResult> entries) {
        List<Figure> figures = new ArrayList<>();
        group(entries.stream().filter(e -> !e.percentiles().isEmpty()).toList(),
                e -> Objects.requireNonNullElse(e.param("mode"), "")).forEach((mode, list) -> {
                    XYChart chart = Charts.xy("I/O latency beside CPU-bound threads" + (mode.isEmpty() ? "" : ", mode " + mode),
                            "round-trip latency (" + unitOf(list) + ")", "fraction of round trips at most this long");
                    logLog(chart, true, false);
                    chart.getStyler().setYAxisMin(0.0);
                    chart.getStyler().setYAxisMax(1.0);
                    int colour = 0;
                    for (JmhResult e : list) {
                        double[] x = e.percentiles().values().stream().mapToDouble(v -> Math.max(v, 1e-3)).toArray();
                        double[] y = e.percentiles().keySet().stream().mapToDouble(p -> p / 100).toArray();
                        String name = "cpuThreads=" + e.param("cpuThreads") + ", interval=" + e.param("switchIntervalMicros") + " us";
                        Charts.line(chart, name, x, y, colour++);
                    }
                    figures.add(new Figure("convoy-" + fileName(mode.isEmpty() ? "all" : mode), chart));
                });
        return figures;
    }

    static List<Figure> switchIntervalSweep(List<JmhResult> entries) {
        List<JmhResult> swept = entries.stream().filter(e -> e.param("switchIntervalMicros") != null).toList();
        if (swept.isEmpty()) {
            return List.of();
        }
        XYChart chart = Charts.xy("Switch-interval sweep", "switch interval (us)", unitOf(swept));
        logLog(chart, true, false);
        int colour = 0;
        for (Map.Entry<String, List<JmhResult>> line : group(swept,
                e -> e.method() + (e.param("mode") == null ? "" : ", " + e.param("mode"))).entrySet()) {
            List<JmhResult> points = line.getValue().stream()
                    .sorted(Comparator.comparingDouble(e -> Double.parseDouble(e.param("switchIntervalMicros")))).toList();
            Charts.line(chart, line.getKey(), points.stream()
                    .mapToDouble(e -> Double.parseDouble(e.param("switchIntervalMicros"))).toArray(),
                    points.stream().mapToDouble(JmhResult::score).toArray(), colour++);
        }
        return List.of(new Figure("switch-interval-sweep", chart));
    }

    /** Bars of every score of a suite, one chart per unit. */
    static List<Figure> scores(String suite, List<JmhResult> entries) {
        List<Figure> figures = new ArrayList<>();
        group(entries, JmhResult::scoreUnit).forEach((unit, list) -> {
            CategoryChart chart = Charts.bars(suite, "", unit);
            chart.addSeries("score", list.stream().map(JmhResult::label).toList(),
                    list.stream().map(JmhResult::score).toList());
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setXAxisLabelRotation(30);
            figures.add(new Figure(fileName(suite) + (figures.isEmpty() ? "" : "-" + figures.size()), chart));
        });
        return figures;
    }

    private static void logLog(XYChart chart, boolean logX, boolean logY) {
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
    }

    private static String lineName(Speedup s) {
        String binding = s.param("binding");
        String lock = s.param("lock");
        return binding.isEmpty() && lock.isEmpty() ? s.line() : binding + (lock.isEmpty() ? "" : ", " + lock);
    }

    private static String memoryAndMethod(JmhResult e) {
        return Objects.requireNonNullElse(e.param("memory"), "?") + " memory, " + e.method();
    }

    private static String unitOf(List<JmhResult> entries) {
        return entries.isEmpty() ? "" : entries.get(0).scoreUnit();
    }

    /** {@code lock.HandOff Benchmark} -> {@code lock-handoff-benchmark}: safe in a file name. */
    static String fileName(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static <T> Map<String, List<T>> group(List<T> items, Function<T, String> key) {
        Map<String, List<T>> groups = new LinkedHashMap<>();
        items.forEach(i -> groups.computeIfAbsent(key.apply(i), k -> new ArrayList<>()).add(i));
        return groups;
    }
}
