package dev.gillab.cli;

import static dev.gillab.cli.CliRun.gillab;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gillab.report.Svg;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gillab timeline}: the SVG and the Chrome trace beside it; bad lessons and file names are usage errors. */
class TimelineCommandTest {

    @TempDir
    Path dir;

    @Test
    void timelineWritesTheSvgWithOneRowPerThreadAndTheChromeTraceBesideIt() throws Exception {
        Path svg = dir.resolve("pictures").resolve("lesson01.svg");

        CliRun run = gillab("timeline", "--lesson", "01", "--threads", "2", "--switch-interval", "1000",
                "--scale", "0.01", "--out", svg.toString());

        assertThat(run.code()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("Lesson 01:").contains("=> ").contains("timeline: " + svg);
        Svg picture = Svg.parse(svg);
        assertThat(picture.select("//g[@class='row']")).as("one row per thread").hasSize(2);
        assertThat(picture.texts("//text[@class='subtitle']")).singleElement().asString()
                .contains("switch lock").contains("switch interval 1,000 µs");
        JsonNode trace = new ObjectMapper().readTree(dir.resolve("pictures").resolve("lesson01.json").toFile());
        assertThat(trace.path("traceEvents").size()).as("Chrome trace events").isPositive();
        assertThat(run.err()).as("progress, one line per step off a terminal").contains("Lesson 01 [1/1] 2 threads");
    }

    @Test
    void anUnknownLessonIsAUsageErrorOnOneLineAndWritesNothing() {
        Path svg = dir.resolve("x.svg");

        CliRun run = gillab("timeline", "--lesson", "99", "--out", svg.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().toList()).as("stderr: the error, then where help is").hasSize(2);
        assertThat(run.err()).startsWith("gillab: ").contains("no lesson 99").contains("01")
                .contains("gillab timeline --help").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
        assertThat(svg).doesNotExist();
    }

    @Test
    void aLessonThatIsNotANumberIsAUsageError() {
        CliRun run = gillab("timeline", "--lesson", "one", "--out", dir.resolve("x.svg").toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("'one' is not a lesson number");
    }

    @Test
    void anOutputThatIsNotAnSvgFileIsAUsageError() {
        CliRun run = gillab("timeline", "--lesson", "1", "--out", dir.resolve("x.png").toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("gillab: --out must name an .svg file");
        assertThat(run.out()).as("nothing ran").isEmpty();
    }
}
