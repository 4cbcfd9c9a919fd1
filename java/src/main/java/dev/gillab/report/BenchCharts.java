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
 * The charts of the benchmark report, one kind per suite, each plot at most
 * {@link Charts#MAX_SERIES} series (small multiples otherwise, {@link Picture#grid}):
 * <ul>
 *   <li>the headline, from ScalingBenchmark: calls per second against threads, one panel per
 *       kernel, interpreted Java holding the lock against C releasing it through each binding;</li>
 *   <li>ScalingBenchmark: speedup against threads, one figure per kernel, a panel per lock
 *       (held, released), one line per binding, with the ideal line ({@link SpeedupChart});</li>
 *   <li>CallOverheadBenchmark: ns per call, bars per binding, one bar per method and
 *       bare/released;</li>
 *   <li>ArrayPassingBenchmark: ns per call against array length, log-log, one chart per
 *       binding, one line per kind of memory (copy, pinned, direct): where the lines cross,
 *       one way of passing overtakes another;</li>
 *   <li>ConvoyBenchmark: the latency distribution (CDF from JMH's percentiles), one panel per
 *       mode, one line per number of CPU-bound threads and switch interval;</li>
 *   <li>lock.SwitchIntervalSweepBenchmark: score against the switch interval, log x;</li>
 *   <li>CatalogueBenchmark: none (milliseconds per lesson run teach nothing; the table stays);</li>
 *   <li>any other suite: its scores as bars, one chart per unit.</li>
 * </ul>
 * File names are fixed per suite and kernel/mode, so two reports can be compared file by file.
 */
final class BenchCharts {

    private BenchCharts() {
    }

    /** The headline's panel size: three panels to a row fit a page. */
    private static final int PANEL_WIDTH = 460;
    private static final int PANEL_HEIGHT = 330;

    /** The headline from the scaling suite's entries: see {@link #headline(String, List)}. */
    static List<Figure> headline(List<JmhResult> scaling) {
        List<CallRate> rates = scaling.stream().map(e -> new CallRate(Objects.requireNonNullElse(e.param("kernel"), ""),
                Objects.requireNonNullElse(e.param("binding"), ""), Objects.requireNonNullElse(e.param("lock"), ""),
                e.threads(), perSecond(e))).toList();
        List<CallRate> shown = rates.stream().filter(BenchCharts::inHeadline).toList();
        return shown.isEmpty() ? List.of() : List.of(new Figure(HEADLINE_FILE, headline(HEADLINE_TITLE, shown)));
    }

    /** The headline's file name, without extension. */
    public static final String HEADLINE_FILE = "headline-calls-per-second";
    static final String HEADLINE_TITLE = "Calls per second: interpreted Java holding the lock against C "
            + "releasing it (log scale)";

    /**
     * The headline: calls per second of each kernel at each thread count, log scale, one
     * panel per kernel; interpreted Java holding the lock against the same kernel in C through
     * each binding with the lock released. Both effects read at once: C lies above Java (faster
     * per call), and only the released lines rise with the threads. Java comes first (black),
     * then the bindings in order of appearance, each in the same colour in every panel.
     */
    static Picture headline(String title, List<CallRate> rates) {
        List<String> variants = new ArrayList<>(new LinkedHashSet<>(rates.stream().map(BenchCharts::variant).toList()));
        variants.sort(Comparator.comparing(v -> !v.startsWith("Java")));
        List<XYChart> panels = new ArrayList<>();
        group(rates, CallRate::kernel).forEach((kernel, entries) -> {
            XYChart panel = Charts.xy(kernel, PANEL_WIDTH, PANEL_HEIGHT, "threads", "calls per second");
            panel.getStyler().setYAxisLogarithmic(true);
            panel.getStyler().setYAxisLogarithmicDecadeOnly(false);
            panel.getStyler().setYAxisDecimalPattern("#,##0");
            threadAxis(panel, entries.stream().mapToInt(CallRate::threads).max().orElse(1));
            Map<String, List<CallRate>> lines = group(entries, BenchCharts::variant);
            for (String variant : variants) {
                List<CallRate> points = lines.getOrDefault(variant, List.of()).stream()
                        .sorted(Comparator.comparingInt(CallRate::threads)).toList();
                if (!points.isEmpty()) {
                    Charts.line(panel, variant, points.stream().mapToDouble(CallRate::threads).toArray(),
                            points.stream().mapToDouble(CallRate::callsPerSecond).toArray(), variants.indexOf(variant));
                }
            }
            panels.add(panel);
        });
        return Picture.grid(title, panels, 3);
    }

    /** Whether a rate is in the headline: interpreted Java holding the lock, or native code releasing it. */
    private static boolean inHeadline(CallRate r) {
        return r.binding().equals("java-locked") ? r.lock().equals("hold")
                : !r.binding().startsWith("java-") && r.lock().equals("release");
    }

    /**
     * Speedup against threads, one figure per kernel: a panel with the lock held and one with
     * it released, one line per binding in the same colour in both, with the ideal and 1x lines.
     */
    static List<Figure> scaling(List<Speedup> speedups) {
        List<String> bindings = new ArrayList<>(new LinkedHashSet<>(speedups.stream().map(s -> s.param("binding"))
                .toList()));
        List<Figure> figures = new ArrayList<>();
        group(speedups, s -> s.param("kernel")).forEach((kernel, points) -> {
            List<XYChart> panels = new ArrayList<>();
            group(points, s -> s.param("lock")).forEach((lock, line) -> {
                List<SpeedupChart.Series> series = new ArrayList<>();
                group(line, s -> s.param("binding")).forEach((binding, ps) -> series.add(new SpeedupChart.Series(
                        Variant.binding(binding), ps.stream().sorted(Comparator.comparingInt(Speedup::threads))
                                .map(s -> new SpeedupChart.Point(s.threads(), s.speedup())).toList())));
                series.sort(Comparator.comparingInt(s -> bindingIndex(bindings, s.name())));
                String title = lock.isEmpty() ? "all" : "the call " + Variant.lock(lock);
                panels.add(new SpeedupChart(title, series).chart(PANEL_WIDTH, PANEL_HEIGHT,
                        series.stream().map(s -> bindingIndex(bindings, s.name())).toList()));
            });
            String name = kernel.isEmpty() ? "all kernels" : kernel;
            figures.add(new Figure("scaling-" + fileName(kernel.isEmpty() ? "all" : kernel),
                    Picture.grid("Scaling of " + name + ": speedup over 1 thread", panels, 2)));
        });
        return figures;
    }

    private static int bindingIndex(List<String> bindings, String shownName) {
        for (int i = 0; i < bindings.size(); i++) {
            if (Variant.binding(bindings.get(i)).equals(shownName)) {
                return i;
            }
        }
        return bindings.size();
    }

    /** An x axis of thread counts: 1 to {@code most}, whole numbers labelled. */
    private static void threadAxis(XYChart chart, int most) {
        chart.getStyler().setXAxisMin(1.0);
        chart.getStyler().setXAxisMax((double) Math.max(2, most));
        chart.setCustomXAxisTickLabelsFormatter(x -> x == Math.rint(x) ? String.format(Locale.ROOT, "%.0f", x) : "");
    }

    /** A throughput score in operations per second. */
    private static double perSecond(JmhResult e) {
        String unit = e.scoreUnit();
        String per = unit.substring(unit.indexOf('/') + 1);
        double factor = switch (per) {
            case "ms" -> 1e3;
            case "us" -> 1e6;
            case "ns" -> 1e9;
            case "min" -> 1.0 / 60;
            default -> 1;
        };
        return e.score() * factor;
    }

    private static String variant(CallRate r) {
        return Variant.of(r.binding(), r.lock());
    }

    static List<Figure> callOverhead(List<JmhResult> entries) {
        CategoryChart chart = Charts.bars("Call overhead per binding", "binding", unitOf(entries));
        Set<String> bindings = new LinkedHashSet<>();
        entries.forEach(e -> bindings.add(Variant.binding(Objects.requireNonNullElse(e.param("binding"), "?"))));
        Map<String, List<JmhResult>> series = group(entries,
                e -> e.param("around") == null ? e.method() : e.method() + ", " + e.param("around"));
        series.forEach((name, list) -> {
            List<Double> y = new ArrayList<>();
            for (String b : bindings) {
                y.add(list.stream().filter(e -> b.equals(Variant.binding(Objects.requireNonNullElse(e.param("binding"),
                        "?"))))
                        .mapToDouble(JmhResult::score).findFirst()
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
            XYChart chart = Charts.xy("Array passing" + (binding.isEmpty() ? "" : " through "
                    + Variant.binding(binding)),
                    "array length (doubles)", unitOf(list));
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setYAxisLogarithmic(true);
            int colour = 0;
            for (Map.Entry<String, List<JmhResult>> line : group(list, BenchCharts::memoryAndMethod).entrySet()) {
                List<JmhResult> points = line.getValue().stream().filter(e -> e.param("length") != null)
                        .sorted(Comparator.comparingDouble(e -> Double.parseDouble(e.param("length")))).toList();
                if (!points.isEmpty()) {
                    Charts.line(chart, line.getKey(), points.stream()
                            .mapToDouble(e -> Double.parseDouble(e.param("length")))
                            .toArray(), points.stream().mapToDouble(JmhResult::score).toArray(), colour++);
                }
            }
            if (colour > 0) {
                figures.add(new Figure("array-passing" + (binding.isEmpty() ? "" : "-" + fileName(binding)), chart));
            }
        });
        return figures;
    }

    /**
     * The convoy effect: the latency distribution of I/O round trips (a CDF from JMH's
     * percentiles), one panel per lock mode, one line per number of CPU-bound threads and switch
     * interval, in the same colour in every panel.
     */
    static List<Figure> convoy(List<JmhResult> entries) {
        List<JmhResult> measured = entries.stream().filter(e -> !e.percentiles().isEmpty()).toList();
        if (measured.isEmpty()) {
            return List.of();
        }
        List<String> conditions = new ArrayList<>(new LinkedHashSet<>(measured.stream().map(BenchCharts::condition)
                .toList()));
        List<XYChart> panels = new ArrayList<>();
        group(measured, e -> Objects.requireNonNullElse(e.param("mode"), "")).forEach((mode, list) -> {
            XYChart panel = Charts.xy(mode.isEmpty() ? "all" : "mode " + mode, PANEL_WIDTH, PANEL_HEIGHT,
                    "round-trip latency (" + unitOf(list) + ", log scale)", "share of round trips at most this long");
            panel.getStyler().setXAxisLogarithmic(true);
            panel.getStyler().setYAxisMin(0.0);
            panel.getStyler().setYAxisMax(1.0);
            for (JmhResult e : list) {
                double[] x = e.percentiles().values().stream().mapToDouble(v -> Math.max(v, 1e-3)).toArray();
                double[] y = e.percentiles().keySet().stream().mapToDouble(p -> p / 100).toArray();
                Charts.line(panel, condition(e), x, y, conditions.indexOf(condition(e)));
            }
            panels.add(panel);
        });
        return List.of(new Figure("convoy", Picture.grid("I/O round-trip latency beside CPU-bound threads", panels,
                3)));
    }

    /** "alone, 5 ms interval", "2 CPU threads, 0.5 ms interval". */
    private static String condition(JmhResult e) {
        String cpu = Objects.requireNonNullElse(e.param("cpuThreads"), "?");
        String threads = cpu.equals("0") ? "alone" : cpu + (cpu.equals("1") ? " CPU thread" : " CPU threads");
        String micros = e.param("switchIntervalMicros");
        if (micros == null) {
            return threads;
        }
        double ms = Double.parseDouble(micros) / 1000;
        return threads + ", " + (ms == Math.rint(ms) ? String.format(Locale.ROOT, "%.0f", ms) : Double.toString(ms))
                + " ms interval";
    }

    static List<Figure> switchIntervalSweep(List<JmhResult> entries) {
        List<JmhResult> swept = entries.stream().filter(e -> e.param("switchIntervalMicros") != null).toList();
        if (swept.isEmpty()) {
            return List.of();
        }
        XYChart chart = Charts.xy("Switch-interval sweep", "switch interval (us, log scale)", unitOf(swept));
        chart.getStyler().setXAxisLogarithmic(true);
        int colour = 0;
        for (Map.Entry<String, List<JmhResult>> line : group(swept,
                e -> e.method() + (e.param("mode") == null ? "" : ", " + e.param("mode"))).entrySet()) {
            List<JmhResult> points = line.getValue().stream()
                    .sorted(Comparator.comparingDouble(e -> Double.parseDouble(e.param("switchIntervalMicros"))))
                    .toList();
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
