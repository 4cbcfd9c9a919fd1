package dev.gillab.bench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.Locale;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's output, split in two: everything JMH prints goes unchanged to {@code log} (its usual
 * text, kept as {@code jmh.log} beside the results), while the user sees progress: suite,
 * benchmark, parameters, iteration, and the estimated time left.
 *
 * <p>JMH tells an {@link OutputFormat} when each benchmark configuration and each iteration
 * starts and ends (the forked JVMs forward these events to the host). Progress is counted in
 * estimated milliseconds ({@link Estimate}): a finished configuration adds its estimate, a
 * finished iteration its length, so long and short suites weigh what they cost. The time
 * left is the estimate still to run, scaled by how fast the estimate has been going so far.
 *
 * <p>On a terminal: a live bar (me.tongfei progressbar) on the error stream. Elsewhere (CI
 * logs): one line per configuration, since a bar redrawn with carriage returns piles up into
 * one unreadable line.
 */
final class ProgressOutput implements OutputFormat {

    private final OutputFormat log;
    private final PrintStream err;
    private final Consumer<BenchmarkResult> onFinished;
    private final ProgressBar bar;
    private final long totalMillis;
    private final long start = System.nanoTime();
    private String suite = "";
    private Duration singleShot = Duration.ZERO;
    private long finishedMillis;
    private long configurationMillis;
    private long withinConfigurationMillis;
    private String runningId;
    /** The configurations started since the last {@link #failed} check: id to description. */
    private final Map<String, String> started = new LinkedHashMap<>();

    /**
     * @param onFinished told of each configuration that ends with a result, as it ends (JMH's
     *                   result of all its forks merged)
     */
    ProgressOutput(OutputFormat log, PrintStream err, Duration total, boolean onTerminal,
            Consumer<BenchmarkResult> onFinished) {
        this.log = log;
        this.err = err;
        this.onFinished = onFinished;
        this.totalMillis = Math.max(1, total.toMillis());
        this.bar = onTerminal ? new ProgressBarBuilder().setTaskName("bench").setInitialMax(totalMillis)
                .setUnit(" s", 1000).setStyle(ProgressBarStyle.UNICODE_BLOCK).setUpdateIntervalMillis(500)
                .continuousUpdate().build() : null;
    }

    /** The suite whose runs come next (shown before each benchmark), and its single-shot invocation estimate. */
    void suite(String name, Duration singleShotInvocation) {
        suite = name;
        singleShot = singleShotInvocation;
    }

    /**
     * The configurations started since the last call that have no result in {@code results}:
     * JMH reported an error for them instead (its text is in the log). Each is also printed.
     */
    List<String> failed(Collection<RunResult> results) {
        Set<String> done = results.stream().map(r -> r.getParams().id()).collect(Collectors.toSet());
        List<String> failed = started.entrySet().stream().filter(e -> !done.contains(e.getKey()))
                .map(Map.Entry::getValue).toList();
        failed.forEach(f -> err.println("FAILED: " + f + " (its error is in jmh.log)"));
        started.clear();
        return failed;
    }

    /**
     * A configuration starts. The host JVM announces it, then each fork echoes the same
     * announcement (forks forward their output events): only a new id is a new configuration.
     */
    @Override
    public void startBenchmark(BenchmarkParams params) {
        log.startBenchmark(params);
        if (params.id().equals(runningId)) {
            return;
        }
        finishConfiguration();
        runningId = params.id();
        String what = describe(params);
        started.put(runningId, what);
        configurationMillis = Estimate.configuration(params.getForks(), params.getWarmup().getCount(),
                length(params, params.getWarmup()), params.getMeasurement().getCount(),
                length(params, params.getMeasurement())).toMillis();
        if (bar != null) {
            bar.setExtraMessage(what);
        } else {
            err.printf(Locale.ROOT, "[%3d%%, ~%s left] %s%n", 100 * done() / totalMillis, Estimate.format(left()),
                    what);
            err.flush();
        }
    }

    @Override
    public void iteration(BenchmarkParams params, IterationParams iteration, int index) {
        log.iteration(params, iteration, index);
        if (bar != null) {
            bar.setExtraMessage(String.format(Locale.ROOT, "%s · %s %d/%d", describe(params),
                    iteration.getType() == IterationType.WARMUP ? "warm-up" : "measurement", index,
                            iteration.getCount()));
        }
    }

    @Override
    public void iterationResult(BenchmarkParams params, IterationParams iteration, int index, IterationResult result) {
        log.iterationResult(params, iteration, index, result);
        withinConfigurationMillis = Math.min(configurationMillis,
                withinConfigurationMillis + length(params, iteration).toMillis());
        show();
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        log.endBenchmark(result);
        onFinished.accept(result);
        show();
    }

    /** Counts the running configuration as done (whether it succeeded is for {@link #failed}). */
    private void finishConfiguration() {
        finishedMillis += configurationMillis;
        configurationMillis = 0;
        withinConfigurationMillis = 0;
        runningId = null;
    }

    private Duration length(BenchmarkParams params, IterationParams iteration) {
        return Estimate.iteration(params.getMode(), iteration.getTime(), singleShot);
    }

    private long done() {
        return Math.min(totalMillis, finishedMillis + withinConfigurationMillis);
    }

    private Duration left() {
        long done = done();
        long remaining = totalMillis - done;
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return Duration.ofMillis(done == 0 ? remaining : remaining * elapsed / done);
    }

    private void show() {
        if (bar != null) {
            bar.stepTo(done());
        }
    }

    private String describe(BenchmarkParams params) {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        String values = params.getParamsKeys().stream().map(k -> k + "=" + params.getParam(k))
                .collect(Collectors.joining(" "));
        String threads = params.getThreads() == 1 ? "" : " ×" + params.getThreads() + " threads";
        return suite + "." + method + (values.isEmpty() ? "" : " " + values) + threads;
    }

    @Override
    public void startRun() {
        log.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        log.endRun(result);
    }

    @Override
    public void print(String s) {
        log.print(s);
    }

    @Override
    public void println(String s) {
        log.println(s);
    }

    @Override
    public void flush() {
        log.flush();
    }

    @Override
    public void verbosePrintln(String s) {
        log.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        log.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        log.write(b);
    }

    /**
     * JMH closes its output format between benchmarks too (after each fork's output is
     * drained), so this only flushes: the bar and the log are the caller's, ended by
     * {@link #finish}.
     */
    @Override
    public void close() {
        log.flush();
    }

    /** Ends the progress: the last configuration counts as done, the bar is completed and closed. */
    void finish() {
        finishConfiguration();
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.close();
        }
    }
}
