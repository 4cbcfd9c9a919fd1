package dev.gillab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path dir;

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(ReportCommandTest.class.getResource("/dev/gillab/report/" + name).toURI()).toString();
    }

    @Test
    void writesTheMarkdownTheHtmlAndTheChartsIntoTheFolder() throws Exception {
        Path out = dir.resolve("new/folder");

        CliRun run = CliRun.gillab("report", fixture("bench-run.json"), "--baseline", fixture("bench-baseline.json"),
                "--out", out.toString());

        assertThat(run.code()).as("exit code; err: %s", run.err()).isZero();
        assertThat(out.resolve("report.md")).as("created with its folder").isRegularFile();
        assertThat(out.resolve("report.html")).isRegularFile();
        assertThat(out.resolve("report/call-overhead.png")).isRegularFile();
        assertThat(Files.readString(out.resolve("report.md"))).as("the baseline was read")
                .contains("## Change against the baseline");
        assertThat(run.out()).contains("report.md").contains("report.html").contains("9 PNG files");
    }

    @Test
    void aNameNamesTheFilesAndTheChartFolder() throws Exception {
        CliRun run = CliRun.gillab("report", fixture("bench-run.json"), "--out", dir.toString(), "--name", "RESULTS");

        assertThat(run.code()).as("exit code; err: %s", run.err()).isZero();
        assertThat(dir.resolve("RESULTS.md")).isRegularFile();
        assertThat(dir.resolve("RESULTS.html")).isRegularFile();
        assertThat(dir.resolve("results/call-overhead.png")).isRegularFile();
        assertThat(Files.readString(dir.resolve("RESULTS.md"))).as("the command that regenerates it")
                .contains("--name RESULTS");
    }

    @Test
    void aNameThatIsNotAFileNameIsAUsageError() throws Exception {
        CliRun run = CliRun.gillab("report", fixture("bench-run.json"), "--out", dir.toString(), "--name", "a/b");

        assertThat(run.code()).as("bad usage").isEqualTo(2);
        assertThat(run.err()).contains("report name");
    }

    @Test
    void aMissingResultsFileIsAUsageError() {
        CliRun run = CliRun.gillab("report", dir.resolve("nope.json").toString(), "--out", dir.toString());

        assertThat(run.code()).as("bad usage").isEqualTo(2);
        assertThat(run.err()).contains("RESULTS.json: no such file").contains("nope.json");
    }

    @Test
    void aFileThatIsNotJmhJsonIsAUsageErrorNamingIt() throws Exception {
        Path other = Files.writeString(dir.resolve("package.json"), "{\"name\": \"x\"}");

        CliRun run = CliRun.gillab("report", other.toString(), "--out", dir.resolve("r").toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("package.json is not a JMH result file");
    }
}
