package dev.gillab.lesson.catalogue;

import static dev.gillab.lesson.Expectation.Needs.ANY_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.IDLE_MACHINE;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.CancelLatency;
import dev.gillab.experiment.Cancellation;
import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.ResponsivenessProbe;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lesson 06: long native work released in chunks can be cancelled within a chunk, at a cost only for tiny chunks.
 *
 * <p>A native call that releases the lock lets other threads run, but nothing can stop it: a cancel
 * request (a flag, a signal, {@code KeyboardInterrupt}) is seen only by interpreted code. Cut the job
 * into chunks, release around each and check between them holding the lock: the job stops within one
 * chunk, for one release and re-take per chunk. CPython: {@code Modules/zlibmodule.c} releases the GIL
 * around every {@code deflate()} / {@code inflate()} of one buffer-sized chunk; long-running C code
 * calls {@code PyErr_CheckSignals()} every so many iterations, as {@code Doc/c-api/exceptions.rst} asks.
 */
public final class Lesson06_ChunkedRelease implements Lesson {

    /**
     * The pattern: render tile after tile, the lock released around each tile's native call ({@code released}
     * releases it); between tiles, holding the lock, copy the tile into the frame, poll the eval breaker, and stop
     * if cancelled. One tile per frame is the long call that cannot be stopped. Returns the last frame.
     */
    static int[] render(Interpreter interpreter, Kernels released, List<Tile> tiles, long frames, Cancellation job) {
        int[] frame = new int[WIDTH * HEIGHT];
        for (long f = 0; f < frames && !job.requested(); f++) {
            for (Tile t : tiles) {
                if (job.requested()) {
                    break;
                }
                int[] part = released.mandelbrot(t.width(), t.height(), MAX_ITER, t.region());
                t.copyInto(part, frame, WIDTH);
                job.progress(t.pixels());
                interpreter.poll();
            }
        }
        job.stopped();
        return frame;
    }

    static final Metric SAME_IMAGE = Metric.of("sameImage", "every tiling stitched the one-call frame (1: yes)",
            Metric.Unit.COUNT);
    static final Metric TILES_AFTER_CANCEL = Metric.of("tilesAfterCancel", "tiles computed after a cancel",
            Metric.Unit.NUMBER);
    static final Metric CANCEL = Metric.of("cancel", "time from a cancel request to the stop", Metric.Unit.MILLIS);
    static final Metric CPU_COST = Metric.of("cpuCost", "CPU time per pixel over one call per frame's",
            Metric.Unit.RATIO);
    static final Metric OTHERS_WAIT_P99 = Metric.of("othersWaitP99", "an interpreted thread's p99 wait for the lock",
            Metric.Unit.MILLIS);
    static final Metric MPX_PER_SECOND = Metric.of("mpxPerSecond", "Mpixels per second over the workers",
            Metric.Unit.NUMBER);

    /** The tilings compared, in tiles per frame: a whole frame, 32-row and 2-row bands, 64- and 8-pixel pieces. */
    static final List<Integer> TILINGS = List.of(1, 16, 256, 4096, 32768);

    static final LessonInfo INFO = new LessonInfo(6, "Chunked release", Verdict.RIGHT,
            "zlib: Py_BEGIN_ALLOW_THREADS around every deflate()/inflate() chunk; PyErr_CheckSignals in long loops",
            "long native work released in chunks: cancellable within a chunk, at a cost only for tiny chunks",
            List.of(Expectation.of(SAME_IMAGE, Band.exactly(1), ANY_MACHINE),
                    Expectation.of(TILES_AFTER_CANCEL.at(1), Band.exactly(1), ANY_MACHINE),
                    Expectation.of(TILES_AFTER_CANCEL.at(256), Band.atMost(1), ANY_MACHINE),
                    Expectation.of(TILES_AFTER_CANCEL.at(32768), Band.atMost(1), ANY_MACHINE),
                    Expectation.of(CANCEL.at(256), Band.below(1), IDLE_MACHINE),
                    Expectation.of(CANCEL.at(4096), Band.below(1), IDLE_MACHINE),
                    Expectation.of(CANCEL.at(32768), Band.below(1), IDLE_MACHINE),
                    Expectation.of(CPU_COST.at(16), Band.atMost(1.10), IDLE_MACHINE),
                    Expectation.of(CPU_COST.at(256), Band.atMost(1.10), IDLE_MACHINE),
                    Expectation.of(CPU_COST.at(4096), Band.atMost(1.10), IDLE_MACHINE),
                    Expectation.of(CPU_COST.at(32768), Band.between(1.10, 2.0), IDLE_MACHINE)));

    /** Frame sides: powers of two, so that tiles cut the region exactly ({@link Tile}). */
    static final int WIDTH = 512;
    static final int HEIGHT = 512;
    static final int MAX_ITER = 256; // the iteration limit per pixel: a frame is tens of milliseconds of C
    static final Region REGION = Region.FULL_SET;
    static final long FRAMES = 12; // frames each worker renders in the throughput run, at scale 1
    static final int WORKERS = 2; // workers of the throughput run unless --threads says otherwise
    /** The cancel is requested this long after the worker started, three times per tiling. */
    static final Duration CANCEL_AFTER = Duration.ofMillis(1);
    static final int CANCEL_TRIALS = 3;

    @Override
    public LessonInfo info() {
        return INFO;
    }

    /** Per tiling: workers render beside a {@link ResponsivenessProbe}, then {@link CancelLatency} cancels one. */
    @Override
    public LessonResult run(LessonSettings settings) {
        Binding binding = settings.bindingOr(Binding.FFM);
        int workers = settings.threadsOr(List.of(WORKERS)).getFirst();
        long frames = settings.scaled(FRAMES, 1);
        int[] oneCall = binding.kernels().mandelbrot(WIDTH, HEIGHT, MAX_ITER, REGION);
        Interpreter warm = settings.interpreter(); // unmeasured frames: the JIT compiles the tile path before it counts
        ThreadedRun.run(warm, 1, "warm-up", i -> List.of(TILINGS.getFirst(), TILINGS.getLast()).forEach(tiles ->
                render(warm, KernelsUnderLock.releasing(warm, binding), Tile.of(WIDTH, HEIGHT, tiles, REGION), 1,
                        new Cancellation())));
        List<Row> rows = new ArrayList<>();
        Figures figures = new Figures();
        boolean sameImage = true;
        ResponsivenessProbe first = null;
        ResponsivenessProbe telling = null;
        for (int tiles : TILINGS) {
            List<Tile> tiling = Tile.of(WIDTH, HEIGHT, tiles, REGION);
            Interpreter interpreter = settings.interpreter();
            Kernels released = KernelsUnderLock.releasing(interpreter, binding);
            AtomicReference<int[]> lastFrame = new AtomicReference<>();
            ResponsivenessProbe p = ResponsivenessProbe.run(interpreter, workers, "chunks",
                    i -> lastFrame.set(render(interpreter, released, tiling, frames, new Cancellation())));
            CancelLatency cancel = CancelLatency.measure(CANCEL_TRIALS, settings::interpreter, CANCEL_AFTER,
                    (in, job) -> render(in, KernelsUnderLock.releasing(in, binding), tiling, Long.MAX_VALUE, job));
            first = first == null ? p : first;
            telling = telling == null || tiles == 256 ? p : telling;
            boolean same = Arrays.equals(lastFrame.get(), oneCall);
            sameImage &= same;
            long pixels = (long) WIDTH * HEIGHT * frames * workers;
            double mpxPerSecond = pixels / (p.run().wallNanos() / 1e3);
            Row row = Row.of(tiles + (tiles == 1 ? " tile/frame" : " tiles/frame"), p.run(), first.run().wallNanos())
                    .with("tile px", Integer.toString(tiling.getFirst().pixels()))
                    .with("Mpx/s", String.format(Locale.ROOT, "%.2f", mpxPerSecond))
                    .with("CPU ns/px", String.format(Locale.ROOT, "%.0f", (double) p.run().cpuNanos() / pixels))
                    .with("other's wait p50/p99", String.format(Locale.ROOT, "%.0f/%.0f us", p.waits().p50Nanos() / 1e3,
                            p.waits().p99Nanos() / 1e3))
                    .with("cancel ms", String.format(Locale.ROOT, "%.3g", cancel.latencyNanos() / 1e6))
                    .with("px after cancel", Long.toString(cancel.workAfter()))
                    .with("same image", same ? "yes" : "NO");
            rows.add(row);
            figures.put(TILES_AFTER_CANCEL.at(tiles), (double) cancel.workAfter() / tiling.getFirst().pixels())
                    .put(CANCEL.at(tiles), cancel.latencyNanos() / 1e6)
                    .put(CPU_COST.at(tiles), (double) p.run().cpuNanos() / first.run().cpuNanos())
                    .put(OTHERS_WAIT_P99.at(tiles), p.waits().p99Nanos() / 1e6)
                    .put(MPX_PER_SECOND.at(tiles), mpxPerSecond);
            settings.progress().stepDone(row.label());
        }
        figures.put(SAME_IMAGE, sameImage ? 1 : 0);
        var f = figures.asMap();
        String conclusion = String.format(Locale.ROOT, "with 4096 tiles per frame a cancel took %.3g ms instead of "
                        + "%.3g ms (%.0fx sooner) for %s CPU per pixel; 8-pixel tiles cost %s CPU per pixel and %s of "
                        + "p99 wait for another interpreted thread (%s with one call per frame)%s",
                f.get(CANCEL.at(4096)), f.get(CANCEL.at(1)), f.get(CANCEL.at(1)) / f.get(CANCEL.at(4096)),
                Units.percent(f.get(CPU_COST.at(4096)) - 1), Units.percent(f.get(CPU_COST.at(32768)) - 1),
                Units.nanos(f.get(OTHERS_WAIT_P99.at(32768)) * 1e6), Units.nanos(f.get(OTHERS_WAIT_P99.at(1)) * 1e6),
                sameImage ? "; every tiling gave the same image." : "; BUT some tiling gave a different image.");
        return new LessonResult(INFO, rows, conclusion, figures, telling.run().trace(), LessonChart.SPEEDUP);
    }

    /*
     * Measured:
     * <output>
     * $ ./gillab lesson 06      (2026-12-08; 2 cores, AMD EPYC; load average 1.76 2.31 3.73 before)
     *
     * run                threads  wall ms  speedup  switches  forced drops  lock wait  tile px  Mpx/s  CPU ns/px  other's wait p50/p99  cancel ms  px after cancel  same image
     * -----------------  -------  -------  -------  --------  ------------  ---------  -------  -----  ---------  --------------------  ---------  ---------------  ----------
     * 1 tile/frame             3    561.5    1.00x        52             0         1%   262144  11.20        149              0/267 us       36.5           262144  yes
     * 16 tiles/frame           3    490.2    1.15x       494             0         2%    16384  12.83        138              0/329 us       3.48            16384  yes
     * 256 tiles/frame          3    555.0    1.01x      3302             1         5%     1024  11.34        149             1/1375 us     0.0200             1024  yes
     * 4096 tiles/frame         3    598.1    0.94x     21988             0        10%       64  10.52        164             0/2796 us      0.386               64  yes
     * 32768 tiles/frame        3   1007.8    0.56x    129238             0        28%        8   6.24        251             1/4297 us      0.255                8  yes
     * => with 4096 tiles per frame a cancel took 0.386 ms instead of 36.5 ms (95x sooner) for +9.8% CPU per pixel; 8-pixel tiles cost +68% CPU per pixel and 4.3 ms of p99 wait for another interpreted thread (267 us with one call per frame); every tiling gave the same image.
     *    expectations: 11 of 11 held
     * </output>
     * The cancel column falls with the tile: one call per frame finishes the whole frame after the
     * request, a tiled worker only the tile it is in (px after cancel is one tile). CPU per pixel stays
     * flat down to 64-pixel tiles and rises at 8 pixels, where a tile's C is as short as the release,
     * the re-take and the copy around it; it judges the cost, as wall time (speedup, Mpx/s) and the other
     * thread's p99 wait vary from run to run on a shared machine. With tiny tiles the workers hand the lock
     * to each other so often that the other thread (counted in the threads column) may wait at every
     * wake-up until its request makes them yield.
     *
     * How to run: ./gillab lesson 06   (options: --binding jna, --threads 4 workers, --mode, --quick).
     */
}
