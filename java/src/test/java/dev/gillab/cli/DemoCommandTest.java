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
            BufferedImage png = ImageIO.read(dir.resolve("lesson" + id + "-speedup.png").toFile());
            assertThat(png).as("lesson %s: ImageIO reads the chart", id).isNotNull();
            assertThat(Svg.parse(dir.resolve("lesson" + id + "-speedup.svg")).rootName()).isEqualTo("svg");
            assertThat(Svg.parse(dir.resolve("lesson" + id + "-timeline.svg")).select("//g[@class='row']"))
                    .as("lesson %s: timeline rows", id).isNotEmpty();
            assertThat(dir.resolve("lesson" + id + "-timeline.json")).isNotEmptyFile();
            assertThat(summary).as("summary.md").contains("## Lesson " + id).contains("lesson" + id + "-timeline.svg");
        }
        assertThat(ran).as("lesson 01 at least").isPositive();
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
