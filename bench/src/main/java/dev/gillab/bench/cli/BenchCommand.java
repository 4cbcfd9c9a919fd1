package dev.gillab.bench.cli;

import dev.gillab.cli.RunErrorHandler;
import dev.gillab.cli.UsageErrorHandler;
import dev.gillab.cli.VersionProvider;
import dev.gillab.report.BenchReport;
import dev.gillab.report.OutputFolder;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gillab bench}: runs the benchmark suites through JMH's {@link Runner}, one run per
 * suite and thread count as {@link SuiteTable} lays out, with a progress bar; writes every
 * result into one JMH JSON file and then the report beside it.
 *
 * <p>It lives in the benchmark module because the suites must be on its class path (JMH forks
 * each benchmark into a JVM with the same class path); the {@code gillab} launcher routes
 * {@code gillab bench} here, building {@code bench/target/benchmarks.jar} first when needed.
 */
@Command(name = "gillab bench", sortOptions = false, versionProvider = VersionProvider.class,
        description = {
            "Run the JMH benchmark suites with a progress bar, write the results as JMH JSON "
                    + "(DIR/results.json, loads unchanged in jmh.morethan.io) and the report beside them "
                    + "(DIR/report.md with PNG charts, DIR/report.html self-contained). JMH's own text output "
                    + "goes to DIR/jmh.log.",
            "",
            "Profiles (the per-suite parameters, threads and iterations are in dev.gillab.bench.cli.SuiteTable):",
            "  --quick  reduced parameters, 1 fork, 1 warm-up + 5 measurement iterations of 300 ms "
                    + "(JMH needs at least 3 for an error bar; 5 make it 3.7x narrower): under 5 minutes on 2 cores.",
            "  --full   every parameter, forks and iterations as each suite's annotations say (the default); "
                    + "--full --dry-run prints its estimated running time.",
            "  --smoke  the CI run: every suite with a reduced parameter set, 1 fork, no warm-up, "
                    + "1 iteration of 100 ms, about 3 minutes; figures meaningless; any benchmark error fails it.",
            "",
            "Suites the table names but the build does not contain are skipped with a message.",
            "",
            "JMH's own options go after '--', e.g. 'gillab bench --quick -- -prof gc' (java -jar "
                    + "bench/target/benchmarks.jar -h lists them). They add what the profile leaves unset (profilers, "
                    + "-jvmArgsAppend ...); the profile's parameters, forks, iterations, their times and threads stay; "
                    + "benchmarks are chosen with --include.",
            ""},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every benchmark ran",
                "1:a benchmark failed (see DIR/jmh.log) or the report could not be written",
            "2:bad usage",
            "130:interrupted (Ctrl-C): the configurations that had finished are kept in DIR/results.json"})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private ProfileChoice profileChoice;

    @Option(names = "--include", paramLabel = "REGEX",
            description = "Run only the benchmarks whose full name (dev.gillab.bench.[lock.]Suite.method) contains a "
                    + "match of REGEX, as JMH's own include does; e.g. 'CallOverhead', 'lock\\.', 'Scaling.*pi'.")
    private Pattern include;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The folder for results.json, jmh.log and the report; created if missing, files in it "
                    + "replaced (default: a new gillab-out/bench-<date>-<time>, linked as gillab-out/bench-latest).")
    private Path out;

    @Option(names = "--baseline", paramLabel = "OTHER.json",
            description = "A JMH JSON file of an earlier run: the report then shows the change "
                    + "of each figure against it.")
    private Path baseline;

    @Option(names = "--dry-run",
            description = "Print what would run (suites, thread counts, configurations, estimated time) and stop.")
    private boolean dryRun;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true,
            description = "Print the version and the commit, and exit.")
    private boolean version;

    @Parameters(paramLabel = "JMH-OPTION", arity = "0..*",
            description = "After '--': options for JMH itself, e.g. '-prof gc' (see above).")
    private List<String> jmhArguments = List.of();

    /** The three profiles, at most one of them. */
    static final class ProfileChoice {
        @Option(names = "--quick", required = true,
                description = "The quick profile: reduced parameters, under 5 minutes on 2 cores, with error bars.")
        boolean quick;

        @Option(names = "--full", required = true, description = "The complete run (the default).")
        boolean full;

        @Option(names = "--smoke", required = true, description = "The CI smoke run: every suite, about 3 minutes.")
        boolean smoke;

        Profile profile() {
            return quick ? Profile.QUICK : smoke ? Profile.SMOKE : Profile.FULL;
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with gillab's error handling: one-line errors on stderr, exit codes 2 and 1. */
    static CommandLine commandLine() {
        return new CommandLine(new BenchCommand()).setParameterExceptionHandler(new UsageErrorHandler())
                .setExecutionExceptionHandler(new RunErrorHandler());
    }

    @Override
    public Integer call() throws IOException {
        Profile profile = profileChoice == null ? Profile.FULL : profileChoice.profile();
        PrintWriter stdout = spec.commandLine().getOut();
        Plan plan = Plan.of(profile, include, BenchmarkList.defaultList()
                .getAll(OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT), List.of()),
                jmhOptions());
        describe(plan, stdout);
        if (dryRun) {
            return 0;
        }
        if (plan.runs().isEmpty()) {
            stdout.println("nothing to run"
                    + (include == null ? "" : " (no benchmark matches --include " + include + ")"));
            return 1;
        }
        Path dir = OutputFolder.resolve(out, "bench");
        Path results = dir.resolve("results.json");
        Files.deleteIfExists(results); // an earlier run's results must not pass for this one's
        Path logFile = dir.resolve("jmh.log");
        FinishedResults finished = new FinishedResults(results);
        Thread onInterrupt = onInterrupt(finished, plan.configurations());
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        List<String> failed = new ArrayList<>();
        long start = System.nanoTime();
        try (PrintStream log = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8)) {
            ProgressOutput progress = new ProgressOutput(OutputFormatFactory.createFormatInstance(log,
                    VerboseMode.NORMAL),
                    System.err, plan.estimate(), onTerminal(), finished::finished);
            try {
                for (Plan.Run run : plan.runs()) {
                    progress.suite(run.label(), SuiteTable.singleShotInvocation(run.suite()));
                    Collection<RunResult> ran = run(run, progress);
                    failed.addAll(progress.failed(ran));
                    finished.runEnded(ran);
                }
            } catch (RunnerException e) {
                // JMH stops a run: at the first benchmark error under --smoke (fail on error), or
                // before starting when another JMH run holds its lock file. The run's configurations
                // that finished before keep their results.
                failed.addAll(progress.failed(finished.ofCurrentRun()));
                finished.runEnded(null);
                stdout.println("stopped: " + e.getMessage());
            } finally {
                progress.finish();
                finished.write();
            }
        }
        List<RunResult> all = finished.all();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        stdout.printf(Locale.ROOT, "ran %d configurations in %s (estimated %s)%n", all.size(), Estimate.format(took),
                Estimate.format(plan.estimate()));
        stdout.println("results: " + results + "  (loads in jmh.morethan.io)");
        stdout.println("log:     " + logFile);
        if (all.isEmpty()) {
            stdout.println("no results: no report");
            return 1;
        }
        BenchReport.Written report = BenchReport.write(results, baseline, dir, BenchReport.DEFAULT_NAME);
        stdout.println("report:  " + report.markdown());
        stdout.println("         " + report.html());
        removeHook(onInterrupt);
        if (!failed.isEmpty()) {
            stdout.println(failed.size() + " configuration(s) failed, see " + logFile + ":");
            failed.forEach(f -> stdout.println("  " + f));
            return 1;
        }
        return 0;
    }

    /**
     * What Ctrl-C (or any end of the JVM before the run is over) does: writes the configurations
     * finished so far as JMH JSON and says so, with the command that reports on them. The forked
     * benchmark JVMs end by themselves: each gets the signal with its terminal's process group,
     * and one that outlives the host ends when its link to the host breaks.
     */
    private Thread onInterrupt(FinishedResults finished, int planned) {
        return new Thread(() -> {
            int kept = finished.all().isEmpty() ? 0 : finished.write();
            System.err.printf(Locale.ROOT, "%ngillab bench: interrupted: %d of %d configurations had finished%s%n",
                    kept, planned, kept == 0 ? "; nothing to keep" : ", kept in " + finished.file()
                            + "; report on them with: gillab report " + finished.file() + " --out "
                            + finished.file().getParent());
            System.err.flush();
        }, "gillab-bench-interrupted");
    }

    /** The JMH options after '--', parsed by JMH itself; a usage error if it rejects them or they name benchmarks. */
    private CommandLineOptions jmhOptions() {
        try {
            CommandLineOptions jmh = new CommandLineOptions(jmhArguments.toArray(String[]::new));
            if (!jmh.getIncludes().isEmpty()) {
                throw new ParameterException(spec.commandLine(), "JMH arguments after '--' name benchmarks ("
                        + String.join(" ", jmh.getIncludes()) + "): choose them with --include");
            }
            return jmh;
        } catch (CommandLineOptionException e) {
            throw new ParameterException(spec.commandLine(), "JMH options after '--': " + e.getMessage());
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it reports the interruption
        }
    }

    private static Collection<RunResult> run(Plan.Run run, OutputFormat progress) throws RunnerException {
        return new Runner(run.options(), progress).run();
    }

    private void describe(Plan plan, PrintWriter stdout) {
        stdout.printf(Locale.ROOT, "gillab bench, %s profile: %d configurations, estimated %s%n",
                plan.profile().name().toLowerCase(Locale.ROOT), plan.configurations(),
                        Estimate.format(plan.estimate()));
        for (Plan.Run run : plan.runs()) {
            stdout.printf(Locale.ROOT, "  %-46s %4d configurations  ~%s%n", run.label(), run.configurations(),
                    Estimate.format(run.estimate()));
        }
        plan.notes().forEach(note -> stdout.println("  " + note));
        stdout.flush();
    }

    /** Whether standard input and output are a terminal (else the progress is printed as lines). */
    private static boolean onTerminal() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }
}
