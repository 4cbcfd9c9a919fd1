package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.kernel.Region;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lesson 08: one call per block opens one released region per call and costs less per pixel than one per pixel. */
class Lesson08Test {

    private final Lesson08_BatchThenRelease lesson = new Lesson08_BatchThenRelease();

    @BeforeAll
    static void nativeLibrary() {
        LessonTests.assumeNativeLibrary();
    }

    /**
     * The cost is compared in CPU time ({@code cpuCostOfPixelCalls}), not wall time: at this scale a
     * run lasts milliseconds, and one time slice taken by another process would add more to it than
     * the whole difference.
     */
    @Test
    void meetsItsDeclaredExpectations() {
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        for (Lesson08_BatchThenRelease.Batch batch : Lesson08_BatchThenRelease.Batch.values()) {
            for (int threads : List.of(1, 2)) {
                assertThat(r.get(Lesson08_BatchThenRelease.REGIONS_PER_CALL.at(batch.id()).threads(threads)))
                        .as("released regions per call, %s, %d threads", batch.id(), threads).isEqualTo(1);
            }
        }
        assertThat(r.conclusion()).contains("the images were identical");
        // last: a lesson with two-free-cores expectations is run again, and the test skipped on a busy machine
        LessonTests.assertDeclaredExpectations(lesson, settings, r);
    }

    @Test
    void threadsSplittingTheRowsUnevenlyStillRenderTheSameImage() {
        LessonResult r = lesson.run(LessonTests.small().withThreads(List.of(3)));

        assertThat(r.get(Lesson08_BatchThenRelease.SAME_IMAGE)).as("3 threads, 256 rows: blocks of 85 and 86 rows")
                .isEqualTo(1);
        assertThat(r.get(Lesson08_BatchThenRelease.REGIONS_PER_CALL.at("block").threads(3)))
                .as("one region per thread per pass").isEqualTo(1);
        assertThat(Lesson08_BatchThenRelease.callsPerPass(Lesson08_BatchThenRelease.Batch.PIXEL, 85))
                .isEqualTo(85L * Lesson08_BatchThenRelease.WIDTH);
    }

    @Test
    void theCellsOfTheWholeImageAreTheWholeSet() {
        assertThat(Lesson08_BatchThenRelease.cell(0, Lesson08_BatchThenRelease.WIDTH, 0,
                Lesson08_BatchThenRelease.HEIGHT)).as("the cell of every pixel").isEqualTo(Region.FULL_SET);
    }
}
