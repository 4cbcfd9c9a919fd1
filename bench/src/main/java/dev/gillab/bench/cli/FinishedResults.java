package dev.gillab.bench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

/**
 * Every benchmark configuration that has finished so far, written as JMH JSON on demand, so
 * that a run stopped half way (Ctrl-C, a failing benchmark) keeps what it measured.
 *
 * <p>JMH's {@code Runner} returns its results only when the whole run (one suite at one thread
 * count) is over. While it runs, the host JVM tells its output format of each configuration
 * as it ends ({@code endBenchmark}, with every fork's iterations merged): {@link #finished}
 * keeps those. When a run returns, its own results replace them ({@link #runEnded}), exact
 * to the fork; a configuration kept from the events alone lists all its forks' iterations as
 * one fork in {@code rawData}, with the same score.
 *
 * <p>{@link #write} is safe to call from a shutdown hook while the run goes on: the methods
 * are synchronized, and the file is written beside its place and then renamed over it, so a
 * reader sees the old file or the new one, never half of one.
 */
final class FinishedResults {

    private final Path file;
    private final List<RunResult> ofEndedRuns = new ArrayList<>();
    private final List<RunResult> ofCurrentRun = new ArrayList<>();

    FinishedResults(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** A configuration of the current run has ended with this result (JMH's merged result of its forks). */
    synchronized void finished(BenchmarkResult result) {
        if (result != null) {
            ofCurrentRun.add(new RunResult(result.getParams(), List.of(result)));
        }
    }

    /**
     * The current run is over: with {@code results} from JMH when it returned, or null when it
     * stopped (the configurations finished before keep their results from the events).
     */
    synchronized void runEnded(Collection<RunResult> results) {
        ofEndedRuns.addAll(results != null ? results : ofCurrentRun);
        ofCurrentRun.clear();
    }

    /** The results of the current run's finished configurations, for telling which of its configurations failed. */
    synchronized List<RunResult> ofCurrentRun() {
        return List.copyOf(ofCurrentRun);
    }

    /** Every finished configuration, of ended runs and of the current one. */
    synchronized List<RunResult> all() {
        List<RunResult> all = new ArrayList<>(ofEndedRuns);
        all.addAll(ofCurrentRun);
        return all;
    }

    /** Writes {@link #all} as JMH JSON, replacing the file at once; returns how many configurations it holds. */
    synchronized int write() {
        List<RunResult> all = all();
        Path temporary = file.resolveSibling(file.getFileName() + ".partial");
        try {
            try (PrintStream out = new PrintStream(Files.newOutputStream(temporary), false, StandardCharsets.UTF_8)) {
                ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(all);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return all.size();
    }
}
