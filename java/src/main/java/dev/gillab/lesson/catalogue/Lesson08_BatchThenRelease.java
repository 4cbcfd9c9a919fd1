package dev.gillab.lesson.catalogue;

import static dev.gillab.lesson.Expectation.Needs.ANY_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.IDLE_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.TWO_FREE_CORES;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.CallLoop;
import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.experiment.Tile;
import dev.gillab.experiment.Units;
import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.Region;
import dev.gillab.lesson.Band;
import dev.gillab.lesson.Expectation;
import dev.gillab.lesson.Figures;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonChart;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Metric;
import dev.gillab.lesson.Verdict;
import dev.gillab.lock.Interpreter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lesson 08: batch the work, then release once.
 *
 * <p>Short native calls in a loop, one per element, pay the binding's call and the lock's release
 * and re-take for every element, and hold the lock for the interpreted loop in between, which two
 * threads cannot overlap. Hand the native side the whole batch in one call, released: the costs
 * are paid once per batch, and the one long call runs in parallel with other threads' calls.
 * Here a Mandelbrot image is rendered one call per pixel, per row, or per thread's block of rows.
 *
 * <p>CPython: NumPy's vectorised operations against a Python loop over elements;
 * {@code hashlib}'s {@code update()} with one large buffer rather than many small ones
 * ({@code Modules/_hashopenssl.c} releases the GIL for an input of {@code HASHLIB_GIL_MINSIZE}
 * = 2048 bytes or more, a fixed heuristic); {@code executemany} against {@code execute} in a loop.
 */
public final class Lesson08_BatchThenRelease implements Lesson {

    /** How much work each native call does; each call releases the lock around it ({@code kernels} releases). */
    enum Batch {
        /** Broken: a 1 x 1 image of one pixel's cell per call, in an interpreted loop over the thread's pixels. */
        PIXEL(12, 1),
        /** A width x 1 image of one row per call. */
        ROW(48, 1),
        /**
         * Right: the thread's whole block of rows in one call. Never scaled down: its 2-thread
         * parallelism is an expectation, and a run of a few calls (milliseconds) is decided by when
         * the second thread gets going (a virtual CPU woken from idle can take milliseconds), not
         * by the calls: at 4 passes, some runs with two free cores measured CPU/wall 0.99.
         */
        BLOCK(96, 96);

        /** Renderings of the image per run at scale 1: fewer for the slower batches, so each run lasts about 0.5 s. */
        final long passes;
        /** The fewest renderings at any scale. */
        final long minPasses;

        Batch(long passes, long minPasses) {
            this.passes = passes;
            this.minPasses = minPasses;
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        String label() {
            return "one call per " + id();
        }
    }

    /**
     * The pattern: thread {@code t} of {@code threads} renders its block of rows, {@code passes}
     * times, one native call per {@code batch}, into {@code image}. The interpreted loop polls
     * before each call ({@link CallLoop}), as CPython's eval loop does at every back edge.
     */
    static void render(Interpreter interpreter, Kernels kernels, Batch batch, int[] image, int threads, int t,
                       long passes) {
        int first = HEIGHT * t / threads;
        int end = HEIGHT * (t + 1) / threads;
        long calls = callsPerPass(batch, end - first);
        CallLoop.repeat(interpreter, passes * calls, i -> {
            int call = (int) (i % calls);
            switch (batch) {
                case PIXEL -> {
                    int y = first + call / WIDTH;
                    int x = call % WIDTH;
                    image[y * WIDTH + x] = kernels.mandelbrot(1, 1, MAX_ITER, cell(x, x + 1, y, y + 1))[0];
                }
                case ROW -> {
                    int y = first + call;
                    System.arraycopy(kernels.mandelbrot(WIDTH, 1, MAX_ITER, cell(0, WIDTH, y, y + 1)), 0,
                            image, y * WIDTH, WIDTH);
                }
                case BLOCK -> System.arraycopy(kernels.mandelbrot(WIDTH, end - first, MAX_ITER,
                        cell(0, WIDTH, first, end)), 0, image, first * WIDTH, (end - first) * WIDTH);
            }
        });
    }

    static final Metric SAME_IMAGE = Metric.of("sameImage", "every batch size rendered the same image (1: yes)",
            Metric.Unit.COUNT);
    static final Metric REGIONS_PER_CALL = Metric.of("regionsPerCall", "released regions per native call",
            Metric.Unit.NUMBER);
    static final Metric CPU_PER_PIXEL = Metric.of("cpuPerPixel", "CPU time per pixel", Metric.Unit.NANOS);
    static final Metric PER_PIXEL = Metric.of("perPixel", "wall time per pixel", Metric.Unit.NANOS);
    static final Metric CPU_COST_OF_PIXEL_CALLS = Metric.of("cpuCostOfPixelCalls",
            "CPU time per pixel, one call per pixel over one call per block, 1 thread", Metric.Unit.RATIO);
    static final Metric COST_OF_PIXEL_CALLS = Metric.of("costOfPixelCalls",
            "wall time per pixel, one call per pixel over one call per block, 1 thread", Metric.Unit.RATIO);
    static final Metric SPEEDUP = Metric.of("speedup", "speedup over 1 thread", Metric.Unit.RATIO);
    static final Metric PARALLELISM = Metric.of("parallelism", "CPU time over wall time", Metric.Unit.NUMBER);

    static final LessonInfo INFO = new LessonInfo(8, "Batch, then release", Verdict.RIGHT,
            "NumPy vectorised calls vs a Python loop; hashlib update() with one large buffer",
            "one native call per batch pays the binding and the lock once: cheaper per element, and it scales",
            List.of(Expectation.of(SAME_IMAGE, Band.exactly(1), ANY_MACHINE),
                    Expectation.of(REGIONS_PER_CALL.at("pixel").threads(1), Band.exactly(1), ANY_MACHINE),
                    Expectation.of(REGIONS_PER_CALL.at("block").threads(2), Band.exactly(1), ANY_MACHINE),
                    Expectation.of(CPU_COST_OF_PIXEL_CALLS, Band.above(1.25), ANY_MACHINE),
                    Expectation.of(PARALLELISM.at("block").threads(2), Band.atLeast(1.5), TWO_FREE_CORES),
                    Expectation.of(COST_OF_PIXEL_CALLS, Band.between(3, 15), IDLE_MACHINE)
                            .cpython("CPython 3.11.7 releases and re-takes the GIL in 35-52 ns (ctypes CDLL against "
                                    + "PyDLL, 2026-12-07) and 46-71 ns (gillab fidelity scenario 9): there too a small "
                                    + "part of a per-element call, whose cost is the call itself"),
                    Expectation.of(SPEEDUP.at("block").threads(2), Band.between(1.5, 2.0), IDLE_MACHINE)));

    static final int WIDTH = 256;
    static final int HEIGHT = 256;
    /** The iteration limit: low, so that a pixel is a small element. */
    static final int MAX_ITER = 100;

    @Override
    public LessonInfo info() {
        return INFO;
    }

    /** Each batch size on 1 and 2 threads (the threads split the rows), the image checked against one call's. */
    @Override
    public LessonResult run(LessonSettings settings) {
        Binding binding = settings.bindingOr(Binding.FFM);
        int[] reference = binding.kernels().mandelbrot(WIDTH, HEIGHT, MAX_ITER, Region.FULL_SET);
        List<Integer> threadCounts = settings.threadsOr(List.of(1, 2));
        boolean sameImage = true;
        List<Row> rows = new ArrayList<>();
        Figures figures = new Figures();
        Measurement telling = null;
        for (Batch batch : Batch.values()) {
            long passes = settings.scaled(batch.passes, batch.minPasses);
            Measurement baseline = null;
            for (int threads : threadCounts) {
                Interpreter interpreter = settings.interpreter();
                Kernels kernels = KernelsUnderLock.releasing(interpreter, binding);
                int[] image = new int[WIDTH * HEIGHT];
                Measurement m = ThreadedRun.run(interpreter, threads, batch.id(),
                        t -> render(interpreter, kernels, batch, image, threads, t, passes));
                sameImage &= Arrays.equals(image, reference);
                baseline = baseline == null ? m : baseline;
                telling = batch == Batch.PIXEL && threads == 2 || telling == null ? m : telling;
                long pixels = passes * WIDTH * HEIGHT;
                long calls = 0;
                for (int t = 0; t < threads; t++) {
                    calls += passes * callsPerPass(batch, HEIGHT * (t + 1) / threads - HEIGHT * t / threads);
                }
                long regions = m.stats().total().releasedRegions();
                Row row = Row.of(batch.label() + ", " + Units.threads(threads), m, baseline.wallNanos())
                        .with("per pixel", Units.nanos((double) m.wallNanos() / pixels))
                        .with("regions", Long.toString(regions))
                        .with("CPU/wall", String.format(Locale.ROOT, "%.2f", m.parallelism()));
                rows.add(row);
                figures.put(PER_PIXEL.at(batch.id()).threads(threads), (double) m.wallNanos() / pixels)
                        .put(CPU_PER_PIXEL.at(batch.id()).threads(threads), (double) m.cpuNanos() / pixels)
                        .put(REGIONS_PER_CALL.at(batch.id()).threads(threads), (double) regions / calls)
                        .put(SPEEDUP.at(batch.id()).threads(threads), row.speedup())
                        .put(PARALLELISM.at(batch.id()).threads(threads), m.parallelism());
                settings.progress().stepDone(row.label());
            }
        }
        figures.put(SAME_IMAGE, sameImage ? 1 : 0);
        Map<Metric, Double> f = figures.asMap();
        int one = threadCounts.getFirst();
        if (one == 1) {
            figures.put(COST_OF_PIXEL_CALLS, pixelOverBlock(f, PER_PIXEL))
                    .put(CPU_COST_OF_PIXEL_CALLS, pixelOverBlock(f, CPU_PER_PIXEL));
        }
        return new LessonResult(INFO, rows, conclusion(f, one, sameImage), figures, telling.trace(),
                chart(threadCounts, f));
    }

    /** {@code perPixel} of one call per pixel over one call per block, on 1 thread. */
    private static double pixelOverBlock(Map<Metric, Double> f, Metric perPixel) {
        return f.get(perPixel.at("pixel").threads(1)) / f.get(perPixel.at("block").threads(1));
    }

    /** Native calls per pass for a block of {@code rows} rows. */
    static long callsPerPass(Batch batch, int rows) {
        return switch (batch) {
            case PIXEL -> (long) rows * WIDTH;
            case ROW -> rows;
            case BLOCK -> 1;
        };
    }

    /** The part of the whole set that pixels {@code x0 <= x < x1}, {@code y0 <= y < y1} cover (exact, {@link Tile}). */
    static Region cell(int x0, int x1, int y0, int y1) {
        return Tile.cell(Region.FULL_SET, WIDTH, HEIGHT, x0, x1, y0, y1);
    }

    /** Time per pixel for each batch size on each thread count. */
    private static LessonChart chart(List<Integer> threadCounts, Map<Metric, Double> f) {
        List<LessonChart.Point> bars = new ArrayList<>();
        for (Batch batch : Batch.values()) {
            for (int threads : threadCounts) {
                double nanos = f.get(PER_PIXEL.at(batch.id()).threads(threads));
                bars.add(LessonChart.bar(Units.threads(threads), batch.label(), nanos));
            }
        }
        return LessonChart.bars("Time per pixel: one call per pixel, per row or per block", "ns per pixel", bars);
    }

    /** The per-pixel cost both ways on the first thread count, and the 2-thread speedup both ways. */
    private static String conclusion(Map<Metric, Double> f, int threads, boolean sameImage) {
        double perPixel = f.get(PER_PIXEL.at("pixel").threads(threads));
        double perBlock = f.get(PER_PIXEL.at("block").threads(threads));
        String text = String.format(Locale.ROOT, "one call per pixel cost %s per pixel, one call per block %s (%.1fx "
                + "less)", Units.nanos(perPixel), Units.nanos(perBlock), perPixel / perBlock);
        Double pixelTwo = f.get(SPEEDUP.at("pixel").threads(2));
        Double blockTwo = f.get(SPEEDUP.at("block").threads(2));
        if (pixelTwo != null && blockTwo != null && threads == 1) {
            text += String.format(Locale.ROOT, "; on 2 threads, per pixel ran at %.2fx and per block at %.2fx",
                    pixelTwo, blockTwo);
        }
        return text + (sameImage ? "; the images were identical. Batch, then release once."
                : "; BUT THE IMAGES DIFFERED: a batch must compute what the calls it replaces did.");
    }

    /*
     * Measured:
     * <output>
     * $ ./gillab lesson 08      (2026-12-08; 2 cores, AMD EPYC; load average 1.88 2.27 3.64 before)
     *
     * run                            threads  wall ms  speedup  switches  forced drops  lock wait  per pixel  regions  CPU/wall
     * -----------------------------  -------  -------  -------  --------  ------------  ---------  ---------  -------  --------
     * one call per pixel, 1 thread         1    353.1    1.00x         1             0         0%     449 ns   786432      0.90
     * one call per pixel, 2 threads        2    383.8    0.92x       503             0        17%     488 ns   786432      1.00
     * one call per row, 1 thread           1    206.0    1.00x         1             0         0%    65.5 ns    12288      0.90
     * one call per row, 2 threads          2    105.0    1.96x      5673             0         5%    33.4 ns    12288      1.75
     * one call per block, 1 thread         1    352.8    1.00x         1             0         0%    56.1 ns       96      0.99
     * one call per block, 2 threads        2    198.1    1.78x       179             0         0%    31.5 ns      192      1.78
     * => one call per pixel cost 449 ns per pixel, one call per block 56.1 ns (8.0x less); on 2 threads, per pixel ran at 0.92x and per block at 1.78x; the images were identical. Batch, then release once.
     *    expectations: 7 of 7 held
     * </output>
     * Per pixel, one call per pixel costs several times one call per block: the binding's call and
     * the lock's release and re-take, paid for every pixel instead of once per block (regions counts
     * the released regions, one per call). On 2 threads the block version nearly doubles its speed,
     * while one call per pixel gains little: between its calls each thread holds the lock for the
     * interpreted loop and the binding's Java side, which the two threads cannot overlap, and they
     * hand the lock to each other thousands of times (switches). The release and re-take are a small
     * part of the per-pixel overhead, tens of nanoseconds here as in CPython (fidelity scenario 9).
     *
     * How to run: ./gillab lesson 08   (options: --threads 1,2,4 --binding javacpp --quick).
     */
}
