package dev.gillab.cli;

import dev.gillab.fidelity.CPython;
import dev.gillab.fidelity.Comparison;
import dev.gillab.fidelity.Effort;
import dev.gillab.fidelity.Fidelity;
import dev.gillab.fidelity.FidelityChart;
import dev.gillab.fidelity.FidelityReport;
import dev.gillab.fidelity.FreeThreadedBuild;
import dev.gillab.fidelity.FreeThreadedScenario;
import dev.gillab.fidelity.RunConditions;
import dev.gillab.fidelity.Scenario;
import dev.gillab.fidelity.ScenarioResult;
import dev.gillab.report.OutputFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gillab fidelity}: every fidelity scenario in real CPython and in gillab, the figures
 * side by side, written as Markdown and charts.
 */
@Command(name = "fidelity", mixinStandardHelpOptions = true,
        description = {"Run each fidelity scenario in CPython and in gillab and compare the figures: "
                + "a table (printed, and written as Markdown) and a bar chart per scenario (PNG).",
            "Without python3 it runs gillab's side alone; without the free-threaded build (--free-threaded) it skips "
                    + "the free-threaded scenarios. About 6 minutes on 2 cores; --quick about 2."})
final class FidelityCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "Shorter runs and fewer repeats: faster, noisier.")
    private boolean quick;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = CPython.DEFAULT_EXECUTABLE,
            description = "The CPython to compare with (default: ${DEFAULT-VALUE} on the PATH). It is asked what it is "
                    + "first: a program that answers but is not CPython is refused.")
    private String python;

    @Option(names = "--free-threaded", arity = "0..1", paramLabel = "PATH", fallbackValue = "",
            description = {"The free-threaded CPython (python3.13t) of the free-threaded scenarios (default: the build "
                    + "of '" + FreeThreadedBuild.BUILD_COMMAND + "' in ${XDG_CACHE_HOME:-~/.cache}/gillab/cpython). "
                    + "Without one those scenarios are skipped."})
    private String freeThreaded;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write fidelity.md and the charts (default: a new "
                    + "gillab-out/fidelity-<date>-<time>, linked as gillab-out/fidelity-latest).")
    private Path out;

    @Option(names = "--json", description = "Print the report as one JSON document (fields: docs/JSON.md) on standard "
            + "output; the progress goes to standard error.")
    private boolean json;

    @Option(names = "--scenarios", split = ",", paramLabel = "N[,N...]",
            description = "Only these scenarios (default: all).")
    private List<Integer> only = List.of();

    @Override
    public Integer call() throws IOException {
        PrintWriter console = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        Path dir = OutputFolder.resolve(out, "fidelity");
        List<Scenario> scenarios = only.isEmpty() ? Fidelity.scenarios() : only.stream().map(Fidelity::scenario)
                .toList();
        Effort effort = quick ? Effort.QUICK : Effort.FULL;
        boolean anyFreeThreaded = scenarios.stream().anyMatch(s -> s instanceof FreeThreadedScenario);
        try (CPython cpython = CPython.locate(python);
             CPython freeThreadedBuild = FreeThreadedBuild.locate(
                     freeThreaded == null || freeThreaded.isBlank() ? null : freeThreaded, System.getenv())) {
            if (cpython.isNotCPython()) {
                throw new IllegalArgumentException("--python " + python + ": " + cpython.describe());
            }
            console.println("CPython: " + cpython.describe());
            if (!cpython.available()) {
                console.println("CPython is not available: running gillab's side alone.");
            }
            if (anyFreeThreaded) {
                console.println("Free-threaded CPython: " + freeThreadedBuild.describe());
                if (!freeThreadedBuild.available()) {
                    console.println("The free-threaded scenarios are skipped. Build it with: "
                            + FreeThreadedBuild.BUILD_COMMAND + " (once; tens of minutes on 2 cores)");
                }
            }
            console.flush();
            RunConditions conditions = anyFreeThreaded
                    ? RunConditions.current(cpython, freeThreadedBuild) : RunConditions.current(cpython);
            List<ScenarioResult> results = new ArrayList<>();
            for (Scenario s : scenarios) {
                console.printf(Locale.ROOT, "%d. %s ...%n", s.info().number(), s.info().title());
                console.flush();
                ScenarioResult r;
                if (!(s instanceof FreeThreadedScenario)) {
                    r = Fidelity.run(s, cpython, effort);
                } else if (freeThreadedBuild.available()) {
                    r = Fidelity.run(s, freeThreadedBuild, effort);
                } else {
                    r = Fidelity.skipped(s, "skipped: " + freeThreadedBuild.describe());
                }
                for (Comparison c : r.comparisons()) {
                    console.println("   " + String.join(" | ", FidelityReport.cells(c)));
                }
                console.flush();
                results.add(r);
            }
            FidelityReport report = new FidelityReport(conditions.finished(), commandLine(), effort, results);
            console.println();
            console.print(report.table());
            console.println(report.summary());
            List<String> charts = FidelityChart.writeAll(report, dir);
            Path markdown = dir.resolve("fidelity.md");
            Files.writeString(markdown, report.markdown(charts), StandardCharsets.UTF_8);
            console.println("Wrote " + markdown + " and " + charts.size() + " charts (PNG) in " + dir);
            console.flush();
            if (json) {
                JsonOutput.print(spec.commandLine().getOut(), JsonOutput.FidelityJson.of(report,
                        new JsonOutput.FilesJson(JsonOutput.FilesJson.path(dir), null, null, null,
                                JsonOutput.FilesJson.path(markdown))));
            }
        }
        return 0;
    }

    private String commandLine() {
        return "gillab " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
