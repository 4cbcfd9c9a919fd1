package dev.gillab.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.report.BenchReport;
import dev.gillab.report.JmhResults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during {@code gillab bench} keeps what finished. A real smoke run of one suite starts
 * as a process; once its second configuration has started (so the first has finished: the
 * progress prints one line as each configuration starts), it gets SIGINT. It must end with
 * exit code 130, say how many configurations it kept, leave a {@code results.json} that parses
 * as JMH JSON with at least that one entry and that {@code gillab report} turns into a report,
 * and leave no forked benchmark JVM behind. Bounded: 45 s to the second configuration, 15 s to
 * end after the signal, 15 s for the forks.
 *
 * <p>A process started with SIGINT ignored (as a background job of a non-interactive shell is)
 * keeps ignoring it, and so does a JVM, which never handles a signal it was started without:
 * the run is started through {@code env --default-signal=INT} where {@code env} has it (GNU
 * coreutils 8.31 and later), as a terminal's foreground job would be.
 */
class BenchInterruptIT {

    private static final Path JAR = Path.of(System.getProperty("benchmarks.jar", "target/benchmarks.jar"));

    @TempDir
    Path dir;

    @Test
    void ctrlCKeepsTheFinishedConfigurationsAsJmhJsonThatReportsRead() throws Exception {
        assertThat(JAR).as("the benchmark jar, built by 'mvn package'").isRegularFile();
        Path out = dir.resolve("run");
        List<String> command = new ArrayList<>(defaultSigint());
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", JAR.toString(), BenchCommand.class.getName(),
                "--smoke", "--include", "CallOverheadBenchmark", "--out", out.toString()));
        Process bench = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofPlatform().daemon().start(() -> readLines(bench, lines));
        try {
            int progressLines = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
            while (progressLines < 2) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertThat(line).as("the second configuration's progress line within 45 s; output so far:%n%s", output)
                        .isNotNull();
                output.append(line).append('\n');
                if (line.startsWith("[")) {
                    progressLines++;
                }
            }
            List<ProcessHandle> forks = bench.descendants().toList();

            new ProcessBuilder("kill", "-INT", Long.toString(bench.pid())).inheritIO().start().waitFor();

            assertThat(bench.waitFor(15, TimeUnit.SECONDS)).as("ended within 15 s of SIGINT").isTrue();
            reader.join(Duration.ofSeconds(5)); // the output ends when the process does
            for (String line = lines.poll(); line != null; line = lines.poll()) {
                output.append(line).append('\n');
            }
            assertThat(bench.exitValue()).as("exit code; output:%n%s", output).isEqualTo(130);
            for (ProcessHandle fork : forks) {
                fork.onExit().get(15, TimeUnit.SECONDS);
            }
        } finally {
            bench.descendants().forEach(ProcessHandle::destroyForcibly);
            bench.destroyForcibly();
        }

        assertThat(output).as("the message").containsPattern(
                "gillab bench: interrupted: [1-9][0-9]* of [0-9]+ configurations had finished, kept in .*results.json");
        Path results = out.resolve("results.json");
        JmhResults read = JmhResults.read(results);
        assertThat(read.entries()).as("the finished configurations").isNotEmpty();
        assertThat(read.entries().getFirst().benchmark()).startsWith("dev.gillab.bench.CallOverheadBenchmark.");
        assertThat(output.toString()).contains("interrupted: " + read.entries().size() + " of ");
        BenchReport.Written report = BenchReport.write(results, null, dir.resolve("report"), BenchReport.DEFAULT_NAME);
        assertThat(report.markdown()).isRegularFile();
        assertThat(out.resolve("results.json.partial")).as("no temporary file left").doesNotExist();
    }

    private static void readLines(Process process, BlockingQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(reading the output failed: " + e + ")");
        }
    }

    /** {@code env --default-signal=INT} where {@code env} supports it, else nothing. */
    private static List<String> defaultSigint() throws IOException, InterruptedException {
        List<String> prefix = List.of("env", "--default-signal=INT");
        List<String> probe = new ArrayList<>(prefix);
        probe.add("true");
        try {
            Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? prefix : List.of();
        } catch (IOException noEnv) {
            return List.of();
        }
    }
}
