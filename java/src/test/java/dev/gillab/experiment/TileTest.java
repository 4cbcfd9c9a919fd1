package dev.gillab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.gillab.binding.Binding;
import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.Region;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tiles cover a frame exactly once and stitch to the frame of one call, bit for bit. */
class TileTest {

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
    void theCellOfTheWholeFrameIsTheWholeRegion() {
        assertThat(Tile.cell(Region.FULL_SET, 256, 128, 0, 256, 0, 128)).isEqualTo(Region.FULL_SET);
        assertThat(Tile.of(256, 128, 1, Region.FULL_SET).getFirst().region()).isEqualTo(Region.FULL_SET);
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
}
