package dev.gillab.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code gillab bench}'s command line: version, usage errors, JMH options after '--'. Nothing here runs a benchmark.
 */
class BenchCommandTest {

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BenchCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void versionNamesTheBuildAndItsCommit() {
        Result r = bench("--version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("gillab ").containsPattern("commit [0-9a-f]{7,}|unknown commit")
                .contains("JVM: ");
    }

    @Test
    void anUnknownOptionIsAOneLineErrorOnStderrWithExitCode2() {
        Result r = bench("--no-such-option");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stdout()).as("no usage dump").isEmpty();
        assertThat(r.stderr().lines()).as(r.stderr()).containsExactly(
                "gillab: Unknown option: '--no-such-option'", "Try 'gillab bench --help' for usage.");
    }

    @Test
    void jmhOptionsJmhRejectsAreAUsageError() {
        Result r = bench("--dry-run", "--", "-f", "many");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("gillab: JMH options after '--': ");
        assertThat(r.stderr().lines()).hasSize(2);
    }

    @Test
    void benchmarksNamedAfterTheSeparatorAreAUsageErrorPointingToInclude() {
        Result r = bench("--dry-run", "--", "CallOverhead");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("choose them with --include");
    }

    @Test
    void jmhOptionsJmhAcceptsPassAndTheDryRunPrintsThePlan() {
        Result r = bench("--smoke", "--include", "CallOverhead.*noop", "--dry-run", "--", "-prof", "gc");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("gillab bench, smoke profile:").contains("CallOverheadBenchmark");
        assertThat(r.stderr()).isEmpty();
    }
}
