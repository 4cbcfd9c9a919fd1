package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.Region;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.catalogue.Lesson06_ChunkedRelease.Job;
import dev.gillab.lesson.catalogue.Lesson06_ChunkedRelease.Tile;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.ReleasingKernels;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lesson 06 at a small scale: tiles cover the frame exactly and stitch to the one-call image,
 * and a cancel stops the worker within the tile it is in, so one big call does a whole frame
 * of work after the request and small tiles one small tile. Counts of pixels, never times.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Lesson06_ChunkedReleaseTest {

    private LessonResult result;

    @BeforeAll
    void runTheLessonSmall() {
        assumeFalse(Boolean.getBoolean("gillab.native.skip"), "the lesson calls the C library, which this build skipped");
        result = new Lesson06_ChunkedRelease().run(LessonSettings.defaults().withScale(0.05));
    }

    @Test
    void everyTilingStitchesTheSameImageAsOneCall() {
        for (int tiles : Lesson06_ChunkedRelease.TILINGS) {
            assertThat(result.metric("identical." + tiles)).as("image with %d tiles per frame equals one call's", tiles)
                    .isEqualTo(1.0);
        }
        assertThat(result.conclusion()).as("conclusion").contains("every tiling gave the same image");
    }

    @Test
    void aCancelStopsTheWorkerWithinTheTileItIsIn() {
        for (int tiles : Lesson06_ChunkedRelease.TILINGS) {
            assertThat(result.metric("pixelsAfterCancel." + tiles))
                    .as("pixels computed after the cancel with %d tiles per frame: at most the tile in flight", tiles)
                    .isLessThanOrEqualTo(result.metric("tilePixels." + tiles));
        }
    }

    @Test
    void smallTilesWasteFarLessWorkAfterACancelThanOneCall() {
        double oneCall = result.metric("pixelsAfterCancel.1");
        double smallTiles = result.metric("pixelsAfterCancel.256");
        assertThat(oneCall).as("pixels computed after the cancel by one call per frame (the whole frame)")
                .isEqualTo(Lesson06_ChunkedRelease.WIDTH * Lesson06_ChunkedRelease.HEIGHT);
        assertThat(smallTiles).as("pixels computed after the cancel with 256 tiles per frame")
                .isLessThanOrEqualTo(oneCall / 256);
    }

    @Test
    void theTableHasARowPerTilingWithTheLessonsColumns() {
        assertThat(result.rows()).as("rows").hasSize(Lesson06_ChunkedRelease.TILINGS.size());
        assertThat(result.table()).as("table").contains("tile px", "Mpx/s", "CPU ns/px", "other's wait p50/p99", "cancel ms",
                "px after cancel");
    }

    @ParameterizedTest(name = "{0} tiles")
    @ValueSource(ints = {1, 2, 16, 64, 128, 1024, 2048})
    void tilesCoverEveryPixelOfTheFrameExactlyOnce(int count) {
        int width = 64;
        int height = 32;
        List<Tile> tiles = Tile.of(width, height, count, Region.FULL_SET);
        assertThat(tiles).as("tiles").hasSize(count);
        int[] covered = new int[width * height];
        for (Tile t : tiles) {
            assertThat(t.pixels()).as("tile size").isEqualTo(width * height / count);
            for (int y = t.y(); y < t.y() + t.height(); y++) {
                for (int x = t.x(); x < t.x() + t.width(); x++) {
                    covered[y * width + x]++;
                }
            }
        }
        assertThat(covered).as("times each pixel is covered").containsOnly(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java", "ffm", "jna"})
    void stitchedTilesEqualOneCallBitForBit(String bindingId) {
        Binding binding = Binding.byId(bindingId);
        assumeFalse(binding.isNative() && Boolean.getBoolean("gillab.native.skip"), "native library skipped");
        Kernels kernels = binding.kernels();
        int width = 128;
        int height = 64;
        int[] oneCall = kernels.mandelbrot(width, height, 200, Region.FULL_SET);
        for (int count : new int[] {1, 4, 64, 512, 2048}) {
            int[] stitched = new int[width * height];
            for (Tile t : Tile.of(width, height, count, Region.FULL_SET)) {
                t.copyInto(kernels.mandelbrot(t.width(), t.height(), 200, t.region()), stitched, width);
            }
            assertThat(stitched).as("%s: %d tiles stitched", binding, count).isEqualTo(oneCall);
        }
    }

    @Test
    void tilesOnlyCutPowersOfTwo() {
        assertThatThrownBy(() -> Tile.of(96, 64, 4, Region.FULL_SET)).as("width 96")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("powers of two");
        assertThatThrownBy(() -> Tile.of(64, 64, 3, Region.FULL_SET)).as("3 tiles")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("powers of two");
        assertThatThrownBy(() -> Tile.of(4, 4, 32, Region.FULL_SET)).as("more tiles than pixels")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot cut");
    }

    @Test
    void aWorkerCancelledBeforeItStartsRendersNothingAndOneLeftAloneRendersEveryTile() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        ReleasingKernels released = new ReleasingKernels(interpreter, Binding.JAVA.kernels());
        List<Tile> tiles = Tile.of(Lesson06_ChunkedRelease.WIDTH, Lesson06_ChunkedRelease.HEIGHT, 16,
                Lesson06_ChunkedRelease.REGION);
        Job cancelled = new Job();
        cancelled.cancelled = true;
        Job free = new Job();
        ThreadedRun.run(interpreter, 1, "worker", i -> {
            Lesson06_ChunkedRelease.render(interpreter, released, tiles, 3, cancelled);
            Lesson06_ChunkedRelease.render(interpreter, released, tiles, 2, free);
        });
        assertThat(cancelled.pixelsDone).as("pixels rendered by a worker cancelled before it started").isZero();
        assertThat(free.pixelsDone).as("pixels rendered by a worker never cancelled, 2 frames")
                .isEqualTo(2L * Lesson06_ChunkedRelease.WIDTH * Lesson06_ChunkedRelease.HEIGHT);
        assertThat(interpreter.stats().total().releasedRegions()).as("released regions: one per tile")
                .isEqualTo(2L * tiles.size());
    }
}
