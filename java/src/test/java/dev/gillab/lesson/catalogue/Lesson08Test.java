package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.kernel.Region;
import dev.gillab.lesson.LessonResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lesson 08: one call per block opens far fewer released regions and costs less per pixel than one per pixel. */
class Lesson08Test {

    private final Lesson08_BatchThenRelease lesson = new Lesson08_BatchThenRelease();

    @BeforeAll
    static void nativeLibrary() {
        LessonTests.assumeNativeLibrary();
    }

    @Test
    void batchingOpensFarFewerRegionsAndCostsLessPerPixel() {
        LessonResult r = lesson.run(LessonTests.small().withThreads(List.of(1)));

        assertThat(r.metric("regions.pixel.1")).as("one region per pixel call")
                .isEqualTo(r.metric("pixels.pixel.1"));
        assertThat(r.metric("regions.block.1")).as("one region per block call, one block per pass")
                .isEqualTo(r.metric("pixels.block.1") / (Lesson08_BatchThenRelease.WIDTH * Lesson08_BatchThenRelease.HEIGHT));
        // CPU time, not wall time: at this scale a run lasts milliseconds, and one time slice
        // taken by another process would add more to it than the whole difference.
        assertThat(r.metric("cpu.ns.per.pixel.block.1"))
                .as("CPU time per pixel, one call per block, against one per pixel")
                .isLessThan(0.8 * r.metric("cpu.ns.per.pixel.pixel.1"));
        assertThat(r.metric("images.identical")).as("every batch size rendered the same image").isEqualTo(1.0);
    }

    @Test
    void threadsSplittingTheRowsUnevenlyStillRenderTheSameImage() {
        LessonResult r = lesson.run(LessonTests.small().withThreads(List.of(3)));

        assertThat(r.metric("images.identical")).as("3 threads, 256 rows: blocks of 85 and 86 rows").isEqualTo(1.0);
        assertThat(r.metric("regions.block.3")).as("one region per thread per pass")
                .isEqualTo(3 * r.metric("pixels.block.3") / (Lesson08_BatchThenRelease.WIDTH * Lesson08_BatchThenRelease.HEIGHT));
    }

    @Test
    void theCellsOfTheWholeImageAreTheWholeSet() {
        assertThat(Lesson08_BatchThenRelease.cell(0, Lesson08_BatchThenRelease.WIDTH, 0, Lesson08_BatchThenRelease.HEIGHT))
                .as("the cell of every pixel").isEqualTo(Region.FULL_SET);
    }
}
