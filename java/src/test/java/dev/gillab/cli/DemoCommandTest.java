package dev.gillab.cli;

import static dev.gillab.cli.CliRun.gillab;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.lesson.Catalogue;
import dev.gillab.report.Svg;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gillab demo}: the tour end to end at a tiny scale, and its thread counts. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void theDemoRunsEveryTourLessonInTheCatalogueAndWritesItsFilesAndASummary() throws Exception {
        CliRun run = gillab("demo", "--scale", "0.01", "--out", dir.toString());

        assertThat(run.code()).as("exit code; stderr: %s", run.err()).isZero();
        String summary = Files.readString(dir.resolve("summary.md"));
        int ran = 0;
        for (int number : DemoCommand.TOUR) {
            String id = String.format(Locale.ROOT, "%02d", number);
            boolean present = Catalogue.all().stream().anyMatch(l -> l.info().number() == number);
            if (!present) {
                assertThat(run.out()).contains("Lesson " + id + ": not in this build's catalogue, skipped.");
                continue;
            }
            ran++;
            assertThat(run.out()).contains("Lesson " + id + ": ").contains("forced drops");
            BufferedImage png = ImageIO.read(dir.resolve("lesson" + id + "-chart.png").toFile());
            assertThat(png).as("lesson %s: ImageIO reads the chart", id).isNotNull();
            assertThat(dir.resolve("lesson" + id + "-chart.svg")).as("no SVG with outlined glyphs").doesNotExist();
            assertThat(Svg.parse(dir.resolve("lesson" + id + "-timeline.svg")).select("//g[@class='row']"))
                    .as("lesson %s: timeline rows", id).isNotEmpty();
            assertThat(dir.resolve("lesson" + id + "-timeline.json")).isNotEmptyFile();
            assertThat(summary).as("summary.md").contains("## Lesson " + id).contains("lesson" + id + "-timeline.svg");
        }
        assertThat(ran).as("lesson 01 at least").isPositive();
        assertThat(summary.indexOf("![")).as("the headline chart opens the summary")
                .isEqualTo(summary.indexOf("![Calls per second"));
        assertThat(ImageIO.read(dir.resolve("headline-calls-per-second.png").toFile())).isNotNull();
        assertThat(run.out()).contains("Java, holds the lock").contains("C via FFM, releases the lock");
        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).as("self-contained: pictures inside, nothing fetched").contains("data:image/png;base64,")
                .contains("data:image/svg+xml;base64,").doesNotContain("<script").doesNotContain("src=\"http")
                .contains("href=\"lesson01-timeline.json\"");
        assertThat(summary).contains("```text").contains("wall ms").contains("Total time:");
        assertThat(run.err()).as("progress lines").contains("Lesson 01 [1/");
        assertThat(run.out().strip()).as("the folder comes last").endsWith(dir.toAbsolutePath().normalize().toString());
    }

    @Test
    void threadCountsDoubleFromOneToTwiceTheCores() {
        assertThat(DemoCommand.threadCounts(1)).containsExactly(1, 2);
        assertThat(DemoCommand.threadCounts(2)).containsExactly(1, 2, 4);
        assertThat(DemoCommand.threadCounts(3)).containsExactly(1, 2, 4, 6);
        assertThat(DemoCommand.threadCounts(8)).containsExactly(1, 2, 4, 8, 16);
        assertThat(DemoCommand.threadCounts(200)).as("capped at what a lesson accepts").endsWith(128, 256);
    }
}
