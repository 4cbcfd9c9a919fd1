package dev.gillab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Bad values on the command line, one row each: the arguments, the exit code, and a fragment
 * of the one line that must say what is wrong. Every row is refused before any work starts
 * (the rows that would otherwise run for minutes prove it by finishing at once), with one
 * {@code gillab:} line and no stack trace.
 */
class CliBadInputTest {

    /** A folder nobody can create: /proc refuses new entries even to root. */
    private static final String UNWRITABLE = "/proc/gillab-cannot-be-here";

    @TempDir
    static Path tmp;

    static Stream<Arguments> badValues() {
        String out = tmp.resolve("out").toString();
        String svg = tmp.resolve("t.svg").toString();
        List<Arguments> rows = new ArrayList<>(List.of(
                // run: every kernel's size, and options a kernel does not have
                row(2, "kernel noop takes no size", "run", "-k", "noop", "-s", "-1"),
                row(2, "kernel add takes no size", "run", "-k", "add", "-s", "5"),
                row(2, "n must be in 0..45, was 46", "run", "-k", "fib", "-s", "46"),
                row(2, "n must be in 0..45, was 92", "run", "-k", "fib", "-s", "92"),
                row(2, "n must be in 0..45, was -1", "run", "-k", "fib", "-s", "-1"),
                row(2, "size must fit in an int", "run", "-k", "fib", "-s", "99999999999"),
                row(2, "bytes must be in 0..1073741824, was 2147483647", "run", "-k", "sha256", "-s", "2147483647"),
                row(2, "bytes must be in 0..1073741824, was -1", "run", "-k", "sha256", "-s", "-1"),
                row(2, "n must be in 1..4096, was 0", "run", "-k", "matmul", "-s", "0"),
                row(2, "n must be in 1..4096, was 100000", "run", "-k", "matmul", "-s", "100000"),
                row(2, "limit must be in 0..268435456, was 268435457", "run", "-k", "primes", "-s", "268435457"),
                row(2, "limit must be in 0..268435456, was -1", "run", "-k", "primes", "-s", "-1"),
                row(2, "width * height must be in 1..67108864", "run", "-k", "mandelbrot", "-s", "8193"),
                row(2, "width must be >= 1, was -3", "run", "-k", "mandelbrot", "-s", "-3"),
                row(2, "maxIter must be >= 1, was 0", "run", "-k", "mandelbrot", "-s", "8", "--max-iter", "0"),
                row(2, "--max-iter is only for mandelbrot; kernel fib has none", "run", "-k", "fib", "-s", "10",
                        "--max-iter", "5"),
                row(2, "--max-iter is only for mandelbrot; kernel noop has none", "run", "-k", "noop",
                        "--max-iter", "5"),
                row(2, "n must be >= 0, was -5", "run", "-k", "countdown", "-s", "-5"),
                row(2, "steps must be >= 1, was 0", "run", "-k", "pi", "-s", "0"),
                row(2, "micros must be in 0..60000000, was 60000001", "run", "-k", "sleep", "-s", "60000001"),
                row(2, "micros must be in 0..60000000, was -1", "run", "-k", "sleep", "-s", "-1"),
                row(2, "Invalid value for option '--size'", "run", "-k", "matmul", "-s", "abc"),
                row(2, "unknown binding 'cobol'", "run", "-k", "fib", "-b", "cobol"),
                // lesson and timeline: intervals a run cannot finish in, thread counts, lesson numbers
                row(2, "switch interval must be in 1..1000000 us", "lesson", "11", "--quick", "--switch-interval",
                        "10000000"),
                row(2, "switch interval must be in 1..1000000 us", "lesson", "01", "--switch-interval", "0"),
                row(2, "switch interval must be in 1..1000000 us", "lesson", "01", "--switch-interval", "-5"),
                row(2, "switch interval 1000000 us is too long for lesson 11 with 4 CPU thread(s)", "lesson", "11",
                        "--quick", "--switch-interval", "1000000", "--threads", "1,5"),
                row(2, "threads must be in 1..256, was 0", "lesson", "01", "--threads", "0"),
                row(2, "threads must be in 1..256, was 257", "lesson", "01", "--threads", "257"),
                row(2, "99", "lesson", "99"),
                row(2, "--out must name an .svg file", "timeline", "--lesson", "01", "--out",
                        tmp.resolve("t.txt").toString()),
                row(2, "cannot write in the output folder", "timeline", "--lesson", "01", "--out",
                        UNWRITABLE + "/t.svg"),
                row(2, "cannot write in the output folder", "lesson", "01", "--out", UNWRITABLE),
                row(2, "threads must be in 1..256, was 0", "timeline", "--lesson", "01", "--threads", "0",
                        "--out", svg),
                row(2, "switch interval must be in 1..1000000 us", "timeline", "--lesson", "11", "--switch-interval",
                        "20000000", "--out", svg),
                // demo and fidelity: output folders, the interpreter
                row(2, "scale must be in (0, 100]", "demo", "--scale", "0", "--out", out),
                row(2, "cannot write in the output folder", "demo", "--out", UNWRITABLE),
                row(2, "cannot write in the output folder", "fidelity", "--out", UNWRITABLE, "--scenarios", "1"),
                row(2, "no fidelity scenario 99", "fidelity", "--scenarios", "99", "--out", out),
                row(2, "is pypy 3.10.14, not CPython", "fidelity", "--python", pypy(), "--scenarios", "1",
                        "--out", out),
                // report: files
                row(2, "no such file", "report", tmp.resolve("missing.json").toString(), "--out", out),
                row(2, "cannot write in the output folder", "report", resultsFile(), "--out", UNWRITABLE)));
        echo().ifPresent(echo -> rows.add(row(2, "'" + echo + "' is not a Python interpreter", "fidelity", "--python",
                echo, "--scenarios", "1", "--out", out)));
        return rows.stream();
    }

    @ParameterizedTest(name = "[{index}] exit {0}: {2}")
    @MethodSource("badValues")
    void aBadValueIsOneLineAndAnExitCode(int code, String fragment, List<String> args) {
        CliRun run = CliRun.gillab(args.toArray(String[]::new));

        assertThat(run.code()).as("exit code; stderr: %s", run.err()).isEqualTo(code);
        List<String> lines = run.err().lines().toList();
        assertThat(lines).as("stderr").isNotEmpty();
        assertThat(lines.getFirst()).as("the error line").startsWith("gillab: ").contains(fragment);
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception in");
        // Refused before its work: no table, no conclusion, no result on stdout (a lesson's header may come first).
        assertThat(run.out().lines()).as("refused up front: nothing ran")
                .noneMatch(l -> l.startsWith("run ") || l.startsWith("=> ") || l.startsWith("|"));
    }

    @Test
    void anOutOfMemoryErrorFromACommandIsOneLineWithTheHeapToAskForAndExitCode3() {
        CliRun run = throwing(new OutOfMemoryError("Java heap space"));

        assertThat(run.code()).isEqualTo(Main.OUT_OF_MEMORY).isEqualTo(3);
        assertThat(run.err().lines()).hasSize(1).first().asString()
                .startsWith("gillab: out of memory (Java heap space)").contains("-Xmx").contains("smaller size");
    }

    @Test
    void anUnsatisfiedLinkErrorFromACommandIsOneLineSayingHowToRebuildAndExitCode1() {
        CliRun run = throwing(new UnsatisfiedLinkError("Error looking up function 'gillab_fib'"));

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(1).first().asString()
                .startsWith("gillab: the native library lacks what gillab calls").contains("gillab_fib")
                .contains("./gillab build").contains("--binding java");
    }

    /** Runs a command that throws {@code error} through {@link Main#execute(CommandLine, String...)}. */
    private static CliRun throwing(Error error) {
        CommandLine cli = new CommandLine(new Throwing(error));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = Main.execute(cli);
        return new CliRun(code, "", err.toString());
    }

    private static Arguments row(int code, String fragment, String... args) {
        return Arguments.of(code, fragment, Arrays.asList(args));
    }

    /** A valid JMH result file of one entry. */
    private static String resultsFile() {
        try {
            Path file = tmp.resolve("results.json");
            Files.writeString(file, "[{\"benchmark\": \"dev.gillab.bench.CallOverheadBenchmark.noop\", "
                    + "\"mode\": \"avgt\", "
                    + "\"threads\": 1, \"params\": {\"binding\": \"ffm\"}, \"primaryMetric\": {\"score\": 12.5, "
                    + "\"scoreError\": \"NaN\", \"scoreUnit\": \"ns/op\"}}]");
            return file.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A script that answers the interpreter probe as PyPy would. */
    private static String pypy() {
        try {
            Path script = tmp.resolve("pypy3");
            Files.writeString(script, "#!/bin/sh\necho '{\"implementation\": \"pypy\", \"version\": \"3.10.14\"}'\n");
            script.toFile().setExecutable(true);
            return script.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An {@code echo} program, to pose as an interpreter; absent on systems without one. */
    private static java.util.Optional<String> echo() {
        return Stream.of("/bin/echo", "/usr/bin/echo").filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    @Command(name = "throwing")
    private record Throwing(Error error) implements Runnable {
        @Override
        public void run() {
            throw error;
        }
    }
}
