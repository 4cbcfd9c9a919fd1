package dev.gillab.report;

import dev.gillab.experiment.Machine;
import dev.gillab.experiment.Units;
import dev.gillab.report.Headline.Direction;
import dev.gillab.report.ReportDocument.Block;
import dev.gillab.report.ReportDocument.Figure;
import dev.gillab.report.ReportDocument.Section;
import dev.gillab.report.ReportDocument.Table;
import dev.gillab.report.ReportDocument.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The report of a benchmark run ({@code gillab report}, and the last step of
 * {@code gillab bench}): from a JMH JSON file, {@code report.md} with its PNG charts in the folder {@code report/}
 * and {@code report.html}, the same content in one self-contained page.
 *
 * <p>It opens with the machine and the headline figures ({@link Headlines}), then one section
 * per suite: its chart ({@link BenchCharts}) and a table of its scores. With a baseline (an
 * earlier run's JSON), each headline figure and each benchmark's score also shows its change,
 * new / old, called better or worse by the metric's direction (throughput up, time down); a
 * score whose change stays within the two runs' error bars is called "within error". Suites
 * missing from the results are listed in one line instead of an empty section.
 */
public final class BenchReport {

    /** The suites the report knows, in the order of its sections, and what each shows. */
    private static final List<String[]> KNOWN = List.of(
            new String[] {"ScalingBenchmark",
                    "Throughput of each kernel per binding, lock held or released, at 1, 2 and 4 "
                    + "JMH threads (JMH sums throughput over threads, so score / score at 1 thread "
                    + "is the speedup). Released native code should follow the ideal line up to the core count; "
                    + "locked Java should stay near 1x, as CPython threads do."},
            new String[] {"CallOverheadBenchmark",
                    "The cost of one call with nothing to compute (`noop`) or almost nothing "
                    + "(`add`), per binding; `released` adds dropping and re-taking the lock around the call."},
            new String[] {"ArrayPassingBenchmark",
                    "Time per call against the array length, per binding and kind of memory "
                    + "(copied, pinned, direct): where the lines cross, one way of passing overtakes another."},
            new String[] {"UncontendedReleaseBenchmark", "An uncontended release + re-take of the lock against a bare "
                    + "`ReentrantLock` unlock + lock."},
            new String[] {"PollBenchmark", "What polling the eval breaker costs a loop."},
            new String[] {"HandOffBenchmark",
                    "How long a hand-off of the lock takes, and how long a time slice lasts."},
            new String[] {"LockedCountdownScalingBenchmark", "Countdown at 1 and 2 threads, interpreted or released."},
            new String[] {"ContendedLockBenchmark", "A holder against waiters (`@Group`): switches and forced drops "
                    + "(`@AuxCounters`, in the secondary column)."},
            new String[] {"SwitchIntervalSweepBenchmark", "The switch interval from 0.1 to 20 ms."},
            new String[] {"ConvoyBenchmark",
                    "I/O round-trip latency beside 0, 1 or 2 CPU-bound threads: the convoy effect. "
                    + "The chart is the cumulative distribution from JMH's percentiles."},
            new String[] {"CatalogueBenchmark",
                    "Each lesson of the catalogue as one single-shot run: a check that every "
                    + "lesson runs under JMH, with its time; no chart, since the lessons' times do not compare."});

    /** What was written. */
    public record Written(Path markdown, Path html, List<Path> charts) {
    }

    private BenchReport() {
    }

    /** The report's name when none is given: {@code report.md}, {@code report.html}, charts in {@code report/}. */
    public static final String DEFAULT_NAME = "report";

    /**
     * Reads {@code results} (and {@code baseline}, may be null), writes {@code NAME.md}, its
     * charts (in the folder {@code name} in lower case, beside it) and {@code NAME.html} into
     * {@code directory} (created if missing).
     */
    public static Written write(Path results, Path baseline, Path directory, String name) {
        return write(results, baseline, directory, name, null);
    }

    /** A path as the command line would give it: relative to the working folder when inside it. */
    static String shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(here) && !absolute.equals(here) ? here.relativize(absolute).toString()
                : path.toString();
    }

    /** {@link #write(Path, Path, Path, String)} describing {@code machine} (null: this machine). */
    static Written write(Path results, Path baseline, Path directory, String name, Machine machine) {
        checkName(name);
        JmhResults run = JmhResults.read(results);
        JmhResults before = baseline == null ? null : JmhResults.read(baseline);
        String command = "./gillab report " + shown(results) + (baseline == null ? "" : " --baseline "
                + shown(baseline))
                + " --out " + shown(directory) + (name.equals(DEFAULT_NAME) ? "" : " --name " + name);
        ReportDocument document = document(run, before, machine == null ? machineOf(run) : machine, results,
                baseline, command);
        try {
            String chartFolder = name.toLowerCase(Locale.ROOT);
            Path charts = Files.createDirectories(directory.resolve(chartFolder));
            document.writeFigures(charts);
            Path md = Files.writeString(directory.resolve(name + ".md"), document.markdown(chartFolder + "/"),
                    StandardCharsets.UTF_8);
            Path html = Files.writeString(directory.resolve(name + ".html"), document.html(), StandardCharsets.UTF_8);
            return new Written(md, html, document.figures().stream().map(f -> charts.resolve(f.file() + ".png"))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + directory, e);
        }
    }

    /** This machine (run the report where the benchmarks ran), with the JDK the results name when they name one. */
    static Machine machineOf(JmhResults run) {
        Machine here = Machine.current();
        return run.jdk().isBlank() ? here : here.withJdk(run.jdk());
    }

    /** Fails unless {@code name} can name the report's files: letters, digits, '-' or '_'. */
    public static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("report name must be letters, digits, '-' or '_' (it names files): "
                    + name);
        }
    }

    /** The report's content: machine, headline figures, a section per suite present, the comparison. */
    static ReportDocument document(JmhResults run, JmhResults baseline, Machine machine, Path results,
            Path baselineFile,
            String command) {
        ReportDocument doc = new ReportDocument("gillab benchmark report");
        doc.add(new Section("Machine", List.of(new Table(List.of("", ""), List.of(
                List.of("cores", Integer.toString(machine.cores())),
                List.of("CPU", machine.cpu()),
                List.of("OS", machine.os()),
                List.of("JDK", machine.jdk()),
                List.of("C compiler", machine.compiler()),
                List.of("report made", machine.date()),
                List.of("made by", machine.gillab()),
                List.of("results", "`" + results.getFileName() + "`, " + run.entries().size() + " entries"
                        + (baselineFile == null ? "" : "; baseline `" + baselineFile.getFileName() + "`, "
                                + baseline.entries().size() + " entries")),
                List.of("made with", "`" + command + "`, on the JMH JSON of a `./gillab bench` run"))))));

        List<Headline> headlines = Headlines.of(run, machine.cores());
        List<Block> headlineBlocks = new ArrayList<>();
        List<Figure> headlineChart = BenchCharts.headline(run.suite(Speedup.SUITE));
        if (!headlineChart.isEmpty()) {
            headlineBlocks.add(new Text("Calls per second of each kernel at each thread count: "
                    + "interpreted Java holding the lock against the same kernel in C through each binding, releasing "
                    + "the lock around each call. C is faster per call (higher at 1 thread), and only code that "
                    + "releases the lock gains from threads (the lines that rise)."));
            headlineBlocks.addAll(headlineChart);
        }
        headlineBlocks.add(headlines.isEmpty()
                ? new Text("None: the results hold none of the suites the headline figures come from.")
                : headlineTable(headlines, baseline == null ? null : Headlines.of(baseline, machine.cores())));
        doc.add(new Section("Headline figures", headlineBlocks));

        Set<String> present = run.suites();
        List<String> absent = new ArrayList<>();
        for (String[] known : KNOWN) {
            String suite = known[0];
            if (!present.contains(suite)) {
                absent.add(suite);
                continue;
            }
            List<JmhResult> entries = run.suite(suite);
            List<Block> blocks = new ArrayList<>();
            blocks.add(new Text(known[1]));
            blocks.addAll(charts(suite, entries, run));
            blocks.add(scoreTable(entries));
            doc.add(new Section(suite, blocks));
        }
        Set<String> others = new LinkedHashSet<>(present);
        KNOWN.forEach(k -> others.remove(k[0]));
        for (String suite : others) {
            List<JmhResult> entries = run.suite(suite);
            List<Block> blocks = new ArrayList<>(BenchCharts.scores(suite, entries));
            blocks.add(scoreTable(entries));
            doc.add(new Section(suite, blocks));
        }
        if (!absent.isEmpty()) {
            doc.add(new Section("Not in these results", List.of(new Text(
                    "No section for: " + String.join(", ", absent) + " (not run, or not in this build)."))));
        }
        if (baseline != null) {
            doc.add(new Section("Change against the baseline", List.of(changeTable(run, baseline))));
        }
        return doc;
    }

    private static List<Figure> charts(String suite, List<JmhResult> entries, JmhResults run) {
        return switch (suite) {
            case "ScalingBenchmark" -> BenchCharts.scaling(Speedup.of(run));
            case "CallOverheadBenchmark" -> BenchCharts.callOverhead(entries);
            case "ArrayPassingBenchmark" -> BenchCharts.arrayPassing(entries);
            case "ConvoyBenchmark" -> BenchCharts.convoy(entries);
            case "SwitchIntervalSweepBenchmark" -> BenchCharts.switchIntervalSweep(entries);
            case "CatalogueBenchmark" -> List.of();
            default -> BenchCharts.scores(suite, entries);
        };
    }

    private static Table headlineTable(List<Headline> headlines, List<Headline> before) {
        List<String> header = new ArrayList<>(List.of("figure", "value", "how"));
        if (before != null) {
            header.addAll(List.of("baseline", "change"));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Headline h : headlines) {
            List<String> row = new ArrayList<>(List.of(h.name(), h.formatted(), h.detail()));
            if (before != null) {
                Headline old = before.stream().filter(b -> b.name().equals(h.name())).findFirst().orElse(null);
                row.add(old == null ? "-" : old.formatted());
                row.add(old == null ? "new" : change(h.value(), old.value(), 0, 0, h.direction()));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    private static Table scoreTable(List<JmhResult> entries) {
        boolean secondary = entries.stream().anyMatch(e -> !e.secondary().isEmpty());
        List<String> header = new ArrayList<>(List.of("benchmark", "mode", "score"));
        if (secondary) {
            header.add("secondary");
        }
        List<List<String>> rows = new ArrayList<>();
        for (JmhResult e : entries) {
            List<String> row = new ArrayList<>(List.of(readable(e), e.mode(), e.scoreText()));
            if (secondary) {
                row.add(e.secondary().entrySet().stream().map(s -> s.getKey() + " " + Units.number(s.getValue()))
                        .collect(Collectors.joining(", ")));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    /**
     * An entry named for a reader: its binding and what the call does with the lock in words
     * ({@link Variant}), its other parameters as they are: {@code scaled pi: C via FFM,
     * releases the lock, 2 threads}.
     */
    static String readable(JmhResult e) {
        String binding = e.param("binding");
        if (binding == null) {
            return e.label();
        }
        String lock = e.param("lock") != null ? e.param("lock") : e.param("around");
        StringBuilder s = new StringBuilder(e.method());
        new java.util.TreeMap<>(e.params()).forEach((k, v) -> {
            if (!List.of("binding", "lock", "around").contains(k)) {
                s.append(' ').append(k).append('=').append(v);
            }
        });
        s.append(": ").append(Variant.of(binding, "bare".equals(lock) ? null : lock));
        if (e.threads() != 1) {
            s.append(", ").append(e.threads()).append(" threads");
        }
        return s.toString();
    }

    private static Table changeTable(JmhResults run, JmhResults baseline) {
        Map<String, JmhResult> old = baseline.entries().stream()
                .collect(Collectors.toMap(JmhResult::key, Function.identity(), (a, b) -> a));
        List<List<String>> rows = new ArrayList<>();
        for (JmhResult e : run.entries()) {
            JmhResult b = old.get(e.key());
            rows.add(List.of(e.suite(), readable(e), e.scoreText(), b == null ? "-" : b.scoreText(),
                    b == null ? "new" : change(e.score(), b.score(), e.scoreError(), b.scoreError(),
                            e.higherIsBetter() ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER)));
        }
        return new Table(List.of("suite", "benchmark", "score", "baseline", "change"), rows);
    }

    /**
     * {@code 1.25x, better}: the ratio new / old, and its verdict. Within the two error bars
     * (NaN: none) the change is "within error"; a figure with no direction is "changed".
     */
    static String change(double now, double before, double errorNow, double errorBefore, Direction direction) {
        if (before == 0 || Double.isNaN(now) || Double.isNaN(before)) {
            return "n/a";
        }
        double ratio = now / before;
        double errors = (Double.isNaN(errorNow) ? 0 : errorNow) + (Double.isNaN(errorBefore) ? 0 : errorBefore);
        String verdict;
        if (Math.abs(now - before) <= errors || now == before) {
            verdict = "within error";
        } else if (direction == Direction.NEITHER) {
            verdict = "changed";
        } else {
            verdict = (now > before) == (direction == Direction.HIGHER_IS_BETTER) ? "better" : "worse";
        }
        return String.format(Locale.ROOT, "%.2fx, %s", ratio, verdict);
    }
}
