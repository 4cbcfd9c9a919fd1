package dev.gillab.cli;

import dev.gillab.report.BenchReport;
import java.io.IOException;
import dev.gillab.report.OutputFolder;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gillab report}: the Markdown and HTML report of a JMH JSON result file. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the report of a benchmark run from its JMH JSON results (gillab bench's results.json, or "
                + "any 'java -jar bench/target/benchmarks.jar -rf json' output): DIR/NAME.md with its PNG charts in "
                + "DIR/name (lower case), and DIR/NAME.html, the same in one self-contained page (charts embedded, no "
                + "external files or scripts). NAME is 'report' unless --name says otherwise.",
            "",
            "Contents: the machine (cores, CPU, JDK, date); the headline figures (native released speedup at the core "
                    + "count against the ideal, locked Java speedup, release + re-take against ReentrantLock, hand-off "
                    + "median, each binding's cost relative to FFM); then per suite a chart and its scores: speedup "
                    + "against threads per kernel, ns per call per binding, array-passing crossover, convoy latency "
                    + "CDF, the lock suites. Suites absent from the results are named in one line.",
            ""})
final class ReportCommand implements Callable<Integer> {

    private static final int TREE_BYTES_PER_FILE_BYTE = 4;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS.json", description = "The JMH JSON result file to report on.")
    private Path results;

    @Option(names = "--baseline", paramLabel = "OTHER.json",
            description = "An earlier run's JMH JSON: each headline figure and each benchmark's "
                    + "score then shows its change (new / old), marked better or worse by the metric's direction "
                    + "(throughput up, time down), or 'within error' when the two error bars overlap.")
    private Path baseline;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The folder to write NAME.md, NAME.html and the charts into (created if "
                    + "missing; default: a new gillab-out/report-<date>-<time>, linked as gillab-out/report-latest).")
    private Path out;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = BenchReport.DEFAULT_NAME,
            description = "The report's file name without extension (default: "
                    + "${DEFAULT-VALUE}); its charts go into the folder of the same name in lower case. "
                    + "docs/RESULTS.md is made with --out docs --name RESULTS.")
    private String name;

    @Override
    public Integer call() {
        requireFile(results, "RESULTS.json");
        if (baseline != null) {
            requireFile(baseline, "--baseline");
        }
        BenchReport.Written written;
        Path dir;
        try {
            BenchReport.checkName(name);
            dir = OutputFolder.resolve(out, "report");
            written = BenchReport.write(results, baseline, dir, name);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("report: " + written.markdown());
        stdout.println("        " + written.html());
        stdout.println("charts: " + written.charts().size() + " PNG files in "
                + dir.resolve(name.toLowerCase(java.util.Locale.ROOT)));
        stdout.flush();
        return 0;
    }

    /**
     * {@code file} exists, and its JSON tree fits the heap: Jackson's tree of a JMH result file
     * takes about {@value #TREE_BYTES_PER_FILE_BYTE} times the file's size (an object per field
     * and per number). A JMH result file is a few MiB; gigabytes are another file.
     */
    private void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), what + ": no such file: " + file);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        HeapBudget.require("reading " + what + " " + file + " (" + HeapBudget.mib(size) + ", a JMH result file is "
                + "a few MiB)", TREE_BYTES_PER_FILE_BYTE * size);
    }
}
