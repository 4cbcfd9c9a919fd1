package dev.gillab.experiment;

import dev.gillab.kernel.Region;
import java.util.ArrayList;
import java.util.List;

/**
 * A rectangle of a frame, {@code width x height} pixels at ({@code x}, {@code y}), and the part
 * of the complex plane it shows: the unit of work of a kernel call that renders a piece of a
 * Mandelbrot frame.
 *
 * <p>Pieces stitch to the frame of one call bit for bit when the frame's sides and the number of
 * pieces are powers of two and the whole region's bounds are short binary fractions (as
 * {@link Region#FULL_SET}'s are): every bound {@link #cell} computes is then exact in a double,
 * so every pixel's {@code cx} and {@code cy} are the same doubles whichever call computes them.
 *
 * @param region the part of the plane the tile shows, as {@link #cell} computes it
 */
public record Tile(int x, int y, int width, int height, Region region) {

    public int pixels() {
        return width * height;
    }

    /** Copies this tile's pixels, row-major {@code width x height}, into a frame {@code frameWidth} wide. */
    public void copyInto(int[] part, int[] frame, int frameWidth) {
        for (int row = 0; row < height; row++) {
            System.arraycopy(part, row * width, frame, (y + row) * frameWidth + x, width);
        }
    }

    /**
     * The frame {@code frameWidth x frameHeight} over {@code region} cut into {@code count} equal
     * tiles, in row-major order: bands of whole rows while a tile holds at least a row, equal
     * pieces of each row beyond. All three numbers must be powers of two.
     */
    public static List<Tile> of(int frameWidth, int frameHeight, int count, Region region) {
        for (int n : new int[] {frameWidth, frameHeight, count}) {
            if (Integer.bitCount(n) != 1) {
                throw new IllegalArgumentException("tile sizes must be powers of two, got " + n);
            }
        }
        if ((long) frameWidth * frameHeight < count) {
            throw new IllegalArgumentException("cannot cut " + frameWidth + " x " + frameHeight + " pixels into "
                    + count + " tiles");
        }
        int height = Math.max(1, frameHeight / count);
        int width = frameWidth / Math.max(1, count / frameHeight);
        List<Tile> tiles = new ArrayList<>(count);
        for (int y = 0; y < frameHeight; y += height) {
            for (int x = 0; x < frameWidth; x += width) {
                Region r = cell(region, frameWidth, frameHeight, x, x + width, y, y + height);
                tiles.add(new Tile(x, y, width, height, r));
            }
        }
        return tiles;
    }

    /**
     * The part of {@code whole}, drawn as a {@code frameWidth x frameHeight} frame, that pixels
     * {@code x0 <= x < x1}, {@code y0 <= y < y1} cover.
     */
    public static Region cell(Region whole, int frameWidth, int frameHeight, int x0, int x1, int y0, int y1) {
        double dx = whole.xMax() - whole.xMin();
        double dy = whole.yMax() - whole.yMin();
        return new Region(whole.xMin() + dx * x0 / frameWidth, whole.xMin() + dx * x1 / frameWidth,
                whole.yMin() + dy * y0 / frameHeight, whole.yMin() + dy * y1 / frameHeight);
    }
}
