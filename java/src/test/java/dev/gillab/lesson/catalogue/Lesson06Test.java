package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.Cancellation;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.experiment.Tile;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.ReleasingKernels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lesson 06: every tiling stitches the one-call image, and a cancel stops the worker within the
 * tile it is in, so one call does a whole frame of work after the request and small tiles one
 * small tile. Counts of pixels and tiles, never times.
 */
class Lesson06Test {

    private final Lesson06_ChunkedRelease lesson = new Lesson06_ChunkedRelease();

    @Test
    void meetsItsDeclaredExpectations() {
        LessonTests.assumeNativeLibrary();
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        for (int tiles : Lesson06_ChunkedRelease.TILINGS) {
            assertThat(r.get(Lesson06_ChunkedRelease.TILES_AFTER_CANCEL.at(tiles)))
                    .as("tiles computed after the cancel with %d tiles per frame: at most the one in flight", tiles)
                    .isLessThanOrEqualTo(1);
        }
        assertThat(r.rows()).as("rows").hasSize(Lesson06_ChunkedRelease.TILINGS.size());
        assertThat(r.table()).as("table").contains("tile px", "Mpx/s", "CPU ns/px", "other's wait p50/p99",
                "cancel ms", "px after cancel");
        assertThat(r.conclusion()).contains("every tiling gave the same image");
        // last: a lesson with two-free-cores expectations is run again, and the test skipped on a busy machine
        LessonTests.assertDeclaredExpectations(lesson, settings, r);
    }

    @Test
    void aWorkerCancelledBeforeItStartsRendersNothingAndOneLeftAloneRendersEveryTile() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        ReleasingKernels released = new ReleasingKernels(interpreter, Binding.JAVA.kernels());
        List<Tile> tiles = Tile.of(Lesson06_ChunkedRelease.WIDTH, Lesson06_ChunkedRelease.HEIGHT, 16,
                Lesson06_ChunkedRelease.REGION);
        Cancellation cancelled = Cancellation.alreadyRequested();
        Cancellation free = new Cancellation();
        ThreadedRun.run(interpreter, 1, "worker", i -> {
            Lesson06_ChunkedRelease.render(interpreter, released, tiles, 3, cancelled);
            Lesson06_ChunkedRelease.render(interpreter, released, tiles, 2, free);
        });
        assertThat(cancelled.done()).as("pixels rendered by a worker cancelled before it started").isZero();
        assertThat(free.done()).as("pixels rendered by a worker never cancelled, 2 frames")
                .isEqualTo(2L * Lesson06_ChunkedRelease.WIDTH * Lesson06_ChunkedRelease.HEIGHT);
        assertThat(interpreter.stats().total().releasedRegions()).as("released regions: one per tile")
                .isEqualTo(2L * tiles.size());
    }
}
