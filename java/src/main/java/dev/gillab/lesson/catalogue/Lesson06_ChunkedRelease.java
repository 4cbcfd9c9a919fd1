package dev.gillab.lesson.catalogue;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.Region;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Verdict;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * <h2>Lesson 06: release in chunks, and check for cancellation between them</h2>
 *
 * <p>The problem. A long native call that releases the lock lets other threads run, but
 * nothing can stop it: a cancel request (a flag set by another thread, a signal, a
 * {@code KeyboardInterrupt}) is only seen by interpreted code, and the thread is in C until
 * the whole job is done. Cutting the job into chunks, releasing around each and re-taking
 * the lock between them to check for cancellation, makes it stoppable within one chunk. The
 * price is one release and one re-take per chunk, which only shows once chunks get tiny.
 *
 * <p>The real-world analogue. CPython's {@code zlib}: {@code Compress.compress} and
 * {@code Decompress.decompress} release the lock around every {@code deflate()} /
 * {@code inflate()} call on one buffer-sized chunk ({@code Py_BEGIN_ALLOW_THREADS} inside the
 * loop), taking it back in between to grow the output; and every well-behaved extension loop
 * that calls {@code PyErr_CheckSignals()} every so many iterations.
 *
 * <p>What runs here. A Mandelbrot frame of {@value #WIDTH} x {@value #HEIGHT} pixels (at most
 * {@value #MAX_ITER} iterations each, about 35 ms of C on the reference machine) is cut into
 * 1, 16, 256, 4096 or 32768 tiles (whole frame, 32-row bands, 2-row bands, 64- and 8-pixel
 * pieces of a row). A worker renders tile after tile through {@link KernelsUnderLock#releasing}:
 * the lock is released around each tile's {@code mandelbrot} call; between tiles, holding
 * the lock, it copies the tile into the frame, polls the eval breaker and checks its
 * cancellation flag. Three measurements per tiling:
 * <ol>
 *   <li>Throughput: 2 workers each render {@value #FRAMES} frames (at scale 1), in Mpixels
 *       per second over both (and the speedup column against one call per frame), and in CPU
 *       time per pixel, which shows the cost of the tiling even when the machine is shared
 *       and wall time mostly measures the neighbours. (The threads column counts the
 *       interpreted thread of measurement 3 too.)</li>
 *   <li>Cancel latency: one worker renders frames until cancelled; another interpreted thread
 *       asks it to stop {@code 1 ms} after it started. The time from the request to the
 *       worker having stopped (the median of {@value #CANCEL_TRIALS} cancels), and the pixels
 *       it computed after the request (the most of the three: the tile it was in, which it
 *       finishes, since C cannot be interrupted halfway).</li>
 *   <li>Lock latency for others: during the throughput run, an interpreted thread that wakes
 *       every millisecond (a sleep, released) and runs a short burst of interpreted code;
 *       the median and 99th percentile of its waits for the lock.</li>
 * </ol>
 * The stitched frame must equal the frame of one call, bit for bit, whatever the tiling:
 * every tile's region is computed from the frame's by {@link Tile#of}, and since the image
 * sides are powers of two and the full set's bounds are short binary fractions, every pixel's
 * {@code cx} and {@code cy} are exactly the same doubles whichever tile computes them.
 *
 * <p>What to observe. The cancel column falls with the tile size, from a whole frame to about
 * one tile's time plus a re-take; pixels computed after the cancel are one tile. The CPU per
 * pixel stays within a few per cent of the one-call figure down to small tiles, and rises
 * once a tile is only a microsecond of work, comparable with the release, the re-take and the
 * copies around it. The interpreted thread waits little while the tiles are large, since the
 * workers hold the lock only between tiles (compare a native call that holds it throughout);
 * with tiny tiles the workers hand the lock to each other so often that it may find it taken
 * at every wake-up and wait up to a switch interval before its request makes them yield.
 *
 * <p>Expected: cancel latency about one tile's time (a frame, about 35 ms, for one call; under
 * a millisecond from 256 tiles on); CPU per pixel within 10% of one call per frame down to
 * 64-pixel tiles, tens of per cent more at 8-pixel tiles.
 *
 * <h2>Measured</h2>
 * <pre>
 * $ ./gillab lesson 06      (2026-11-22; 2 cores, shared with other builds: load average 3.3)
 *
 * run                threads  wall ms  speedup  switches  forced drops  lock wait  tile px  Mpx/s  CPU ns/px  other's wait p50/p99  cancel ms  px after cancel  same image
 * -----------------  -------  -------  -------  --------  ------------  ---------  -------  -----  ---------  --------------------  ---------  ---------------  ----------
 * 1 tile/frame             3   1071.1    1.00x        51             0         1%   262144   5.87        145               0/53 us       43.7           262144  yes
 * 16 tiles/frame           3    930.2    1.15x       539             0         1%    16384   6.76        142              0/243 us      0.588            16384  yes
 * 256 tiles/frame          3    909.4    1.18x      1825             0         1%     1024   6.92        142              0/167 us      0.241             1024  yes
 * 4096 tiles/frame         3    987.0    1.09x      1831             0         4%       64   6.37        148              0/106 us      0.180               64  yes
 * 32768 tiles/frame        3   1792.7    0.60x      2670             3         8%        8   3.51        169             0/2660 us      0.619                8  yes
 * =&gt; with 4096 tiles per frame a cancel took 0.180 ms instead of 43.7 ms (243x sooner) for +2% CPU per pixel, and an interpreted thread's p99 wait for the lock went from 53 us to 106 us; 8-pixel tiles cost +17% CPU per pixel and 2660 us of p99 wait; every tiling gave the same image.
 * </pre>
 * <p>The steady figures: a cancel took a whole frame (44 ms) with one call per frame and 0.18 to
 * 0.62 ms with tiles, always after exactly one tile of work, and the CPU per pixel stayed within
 * 3% of one call's down to 64-pixel tiles, +17% at 8 pixels (+22% to +81% in four other runs
 * that hour). Wall time, and with it the speedup and Mpx/s columns, varied up to 2.7x between
 * those runs on this shared machine, and the interpreted thread's p99 (tens of microseconds to
 * milliseconds, on the whole higher with smaller tiles, where the workers pass the lock back
 * and forth) was too noisy to rank the tilings.
 *
 * <p>How to run: {@code ./gillab lesson 06} (options: {@code --binding jna --threads 4} for
 * the number of workers, {@code --mode}, {@code --switch-interval}, {@code --quick}).
 */
public final class Lesson06_ChunkedRelease implements Lesson {

    /** Frame width and height: powers of two, so that tiles cut the region exactly. */
    static final int WIDTH = 512;
    static final int HEIGHT = 512;
    static final int MAX_ITER = 256;
    static final Region REGION = Region.FULL_SET;

    /** The tilings compared, in tiles per frame: a whole frame down to 8-pixel pieces of a row. */
    static final List<Integer> TILINGS = List.of(1, 16, 256, 4096, 32768);

    /** Frames each worker renders in the throughput run, at scale 1. */
    static final long FRAMES = 12;

    /** Workers in the throughput run unless {@code --threads} says otherwise. */
    static final int WORKERS = 2;

    /** How long after the worker started the cancel is requested. */
    static final Duration CANCEL_AFTER = Duration.ofMillis(1);

    /** Cancels per tiling: the table shows the median latency and the most pixels computed after one. */
    static final int CANCEL_TRIALS = 3;

    /** The interpreted thread of measurement 3 sleeps this long between bursts... */
    static final Duration PROBE_PERIOD = Duration.ofMillis(1);
    /** ...of this many countdown iterations, polling at each (a few microseconds). */
    static final long PROBE_BURST = 2_000;

    /** CPU per pixel, against one call per frame's, up to which a tiling is said to cost little. */
    static final double CPU_COST_KEPT = 1.1;

    private static final LessonInfo INFO = new LessonInfo(6, "Chunked release", Verdict.RIGHT,
            "zlib: Py_BEGIN_ALLOW_THREADS around every deflate()/inflate() chunk; PyErr_CheckSignals in long loops",
            "cancel within a tile (one call: a whole frame, ~35 ms); CPU per pixel within 10% down to 64-px tiles",
            "long native work released in chunks: cancellable within a chunk, at a cost only for tiny chunks");

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        Binding binding = settings.bindingOr(Binding.FFM);
        int workers = settings.threadsOr(List.of(WORKERS)).getFirst();
        long frames = settings.scaled(FRAMES, 1);
        int[] oneCall = binding.kernels().mandelbrot(WIDTH, HEIGHT, MAX_ITER, REGION);
        warmUp(settings, binding);

        List<Row> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        boolean allIdentical = true;
        Measurement baseline = null;
        Measurement telling = null;
        for (int tiles : TILINGS) {
            List<Tile> tiling = Tile.of(WIDTH, HEIGHT, tiles, REGION);
            Throughput t = throughput(settings, binding, tiling, workers, frames);
            Cancel c = cancelTrials(settings, binding, tiling);
            if (baseline == null) {
                baseline = t.run();
            }
            if (telling == null || tiles == 256) {
                telling = t.run();
            }
            boolean identical = Arrays.equals(t.lastFrame(), oneCall);
            allIdentical &= identical;
            long pixels = (long) WIDTH * HEIGHT * frames * workers;
            double mpxPerSecond = pixels / (t.run().wallNanos() / 1e9) / 1e6;
            double cpuPerPixel = (double) t.run().cpuNanos() / pixels;
            int tilePixels = tiling.getFirst().pixels();
            Row row = Row.of(tiles + (tiles == 1 ? " tile/frame" : " tiles/frame"), t.run(), baseline.wallNanos())
                    .with("tile px", Integer.toString(tilePixels))
                    .with("Mpx/s", String.format(Locale.ROOT, "%.2f", mpxPerSecond))
                    .with("CPU ns/px", String.format(Locale.ROOT, "%.0f", cpuPerPixel))
                    .with("other's wait p50/p99", String.format(Locale.ROOT, "%.0f/%.0f us", t.probeWaits().p50Nanos() / 1e3,
                            t.probeWaits().p99Nanos() / 1e3))
                    .with("cancel ms", String.format(Locale.ROOT, "%.3g", c.latencyNanos() / 1e6))
                    .with("px after cancel", Long.toString(c.pixelsAfter()))
                    .with("same image", identical ? "yes" : "NO");
            rows.add(row);
            metrics.put("tilePixels." + tiles, (double) tilePixels);
            metrics.put("throughputMpx." + tiles, mpxPerSecond);
            metrics.put("relativeThroughput." + tiles, row.speedup());
            metrics.put("cpuNanosPerPixel." + tiles, cpuPerPixel);
            metrics.put("otherWaitP50Micros." + tiles, t.probeWaits().p50Nanos() / 1e3);
            metrics.put("otherWaitP99Micros." + tiles, t.probeWaits().p99Nanos() / 1e3);
            metrics.put("cancelMillis." + tiles, c.latencyNanos() / 1e6);
            metrics.put("pixelsAfterCancel." + tiles, (double) c.pixelsAfter());
            metrics.put("identical." + tiles, identical ? 1.0 : 0.0);
            settings.progress().stepDone(row.label());
        }
        metrics.put("identical", allIdentical ? 1.0 : 0.0);
        return new LessonResult(INFO, rows, conclusion(metrics, allIdentical), metrics, telling.trace());
    }

    // -------------------------------------------------------------------------------------------
    // The worker

    /**
     * What a worker shares with whoever may cancel it: its progress and the cancellation flag,
     * each written holding the lock, as Python code would, and the times of the request and
     * of the stop.
     */
    static final class Job {
        /** Pixels of the tiles finished so far, counted once the lock is back. */
        volatile long pixelsDone;
        /** Set by another thread to ask the worker to stop. */
        volatile boolean cancelled;
        volatile long requestedAtNanos;
        volatile long pixelsAtRequest;
        volatile long stoppedAtNanos;

        /** Asks the worker to stop, noting when and how far it had got. Call it holding the lock. */
        void cancel() {
            requestedAtNanos = System.nanoTime();
            pixelsAtRequest = pixelsDone;
            cancelled = true;
        }
    }

    /**
     * The chunked worker: renders up to {@code frames} frames tile by tile, with the lock
     * released around each tile's native call ({@code kernels} releases it); between tiles,
     * holding the lock, copies the tile into the frame, polls, and stops if cancelled.
     * Returns the last frame rendered (complete unless cancelled).
     */
    static int[] render(Interpreter interpreter, Kernels kernels, List<Tile> tiles, long frames, Job job) {
        int[] frame = new int[WIDTH * HEIGHT];
        for (long f = 0; f < frames && !job.cancelled; f++) {
            for (Tile t : tiles) {
                if (job.cancelled) {
                    break;
                }
                int[] part = kernels.mandelbrot(t.width(), t.height(), MAX_ITER, t.region());
                t.copyInto(part, frame, WIDTH);
                job.pixelsDone += t.pixels();
                interpreter.poll();
            }
        }
        job.stoppedAtNanos = System.nanoTime();
        return frame;
    }

    /**
     * One frame at the coarsest and one at the finest tiling, unmeasured, so that the JIT has
     * compiled the per-tile path (the binding's downcall, the release and re-take, the copies)
     * before the first measured run.
     */
    private static void warmUp(LessonSettings settings, Binding binding) {
        Interpreter interpreter = settings.interpreter();
        Kernels released = KernelsUnderLock.releasing(interpreter, binding);
        ThreadedRun.run(interpreter, 1, "warm-up", i -> {
            for (int tiles : List.of(TILINGS.getFirst(), TILINGS.getLast())) {
                render(interpreter, released, Tile.of(WIDTH, HEIGHT, tiles, REGION), 1, new Job());
            }
        });
    }

    // -------------------------------------------------------------------------------------------
    // Measurement 1 and 3: throughput of the workers, and the waits of an interpreted thread

    /** The workers' run, the last frame of worker 0, and the interpreted thread's lock waits. */
    record Throughput(Measurement run, int[] lastFrame, LockStats.WaitTimes probeWaits) {
    }

    static Throughput throughput(LessonSettings settings, Binding binding, List<Tile> tiles, int workers,
                                 long frames) {
        Interpreter interpreter = settings.interpreter();
        Kernels released = KernelsUnderLock.releasing(interpreter, binding);
        Kernels interpreted = KernelsUnderLock.interpreted(interpreter);
        AtomicInteger finished = new AtomicInteger();
        AtomicReference<int[]> lastFrame = new AtomicReference<>();
        Measurement m = ThreadedRun.run(interpreter, workers + 1, "chunks", i -> {
            if (i < workers) {
                int[] frame = render(interpreter, released, tiles, frames, new Job());
                if (i == 0) {
                    lastFrame.set(frame);
                }
                finished.incrementAndGet();
            } else {
                while (finished.get() < workers) {
                    sleep(interpreter, PROBE_PERIOD);
                    interpreted.countdown(PROBE_BURST);
                }
            }
        });
        return new Throughput(m, lastFrame.get(), m.stats().thread("chunks-" + workers).waits());
    }

    // -------------------------------------------------------------------------------------------
    // Measurement 2: cancel latency

    /** From the cancel request to the worker having stopped, and the pixels it computed meanwhile. */
    record Cancel(long latencyNanos, long pixelsAfter) {
    }

    /** {@link #CANCEL_TRIALS} cancels: the median latency, and the most pixels computed after a request. */
    static Cancel cancelTrials(LessonSettings settings, Binding binding, List<Tile> tiles) {
        long[] latencies = new long[CANCEL_TRIALS];
        long pixelsAfter = 0;
        for (int trial = 0; trial < CANCEL_TRIALS; trial++) {
            Cancel c = cancel(settings, binding, tiles);
            latencies[trial] = c.latencyNanos();
            pixelsAfter = Math.max(pixelsAfter, c.pixelsAfter());
        }
        Arrays.sort(latencies);
        return new Cancel(latencies[CANCEL_TRIALS / 2], pixelsAfter);
    }

    /**
     * One worker renders frames until cancelled; a second interpreted thread waits until the
     * worker has started, sleeps {@link #CANCEL_AFTER} (released) and then, holding the lock,
     * notes the time and the worker's progress and sets the flag.
     */
    static Cancel cancel(LessonSettings settings, Binding binding, List<Tile> tiles) {
        Interpreter interpreter = settings.interpreter();
        Kernels released = KernelsUnderLock.releasing(interpreter, binding);
        Job job = new Job();
        CountDownLatch started = new CountDownLatch(1);
        ThreadedRun.run(interpreter, 2, "cancel", i -> {
            if (i == 0) {
                started.countDown();
                render(interpreter, released, tiles, Long.MAX_VALUE, job);
            } else {
                try {
                    interpreter.blocking(() -> {
                        started.await();
                        return null;
                    });
                    interpreter.sleep(CANCEL_AFTER);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted before cancelling", e);
                }
                job.cancel();
            }
        });
        return new Cancel(job.stoppedAtNanos - job.requestedAtNanos, job.pixelsDone - job.pixelsAtRequest);
    }

    /** {@code time.sleep}: the lock released while asleep. */
    private static void sleep(Interpreter interpreter, Duration d) {
        try {
            interpreter.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sleeping", e);
        }
    }

    // -------------------------------------------------------------------------------------------
    // Tiles

    /**
     * A rectangle of the frame, {@code width x height} pixels at ({@code x}, {@code y}), and
     * the part of the complex plane it shows.
     */
    record Tile(int x, int y, int width, int height, Region region) {

        int pixels() {
            return width * height;
        }

        /** Copies this tile's pixels, row-major {@code width x height}, into a frame {@code frameWidth} wide. */
        void copyInto(int[] part, int[] frame, int frameWidth) {
            for (int row = 0; row < height; row++) {
                System.arraycopy(part, row * width, frame, (y + row) * frameWidth + x, width);
            }
        }

        /**
         * The frame {@code frameWidth x frameHeight} over {@code region} cut into {@code count}
         * equal tiles, in row-major order: bands of whole rows while a tile holds at least a
         * row, equal pieces of each row beyond. All three numbers must be powers of two, which
         * keeps every tile's bounds exact (see the class comment).
         */
        static List<Tile> of(int frameWidth, int frameHeight, int count, Region region) {
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
            double dx = region.xMax() - region.xMin();
            double dy = region.yMax() - region.yMin();
            List<Tile> tiles = new ArrayList<>(count);
            for (int y = 0; y < frameHeight; y += height) {
                for (int x = 0; x < frameWidth; x += width) {
                    Region r = new Region(region.xMin() + dx * x / frameWidth, region.xMin() + dx * (x + width) / frameWidth,
                            region.yMin() + dy * y / frameHeight, region.yMin() + dy * (y + height) / frameHeight);
                    tiles.add(new Tile(x, y, width, height, r));
                }
            }
            return tiles;
        }
    }

    // -------------------------------------------------------------------------------------------

    /**
     * The conclusion, from the figures: how much sooner the finest tiling that cost at most
     * {@link #CPU_COST_KEPT} times the one-call CPU per pixel could be cancelled than one call
     * per frame, and what the finest tiling of all cost, in CPU and in other threads' waits.
     * CPU time per pixel judges the cost rather than wall time, which on a shared machine
     * says more about the neighbours than about the tiling.
     */
    private static String conclusion(Map<String, Double> metrics, boolean identical) {
        int one = TILINGS.getFirst();
        int finest = TILINGS.getLast();
        double oneCpu = metrics.get("cpuNanosPerPixel." + one);
        int best = one;
        for (int tiles : TILINGS) {
            if (metrics.get("cpuNanosPerPixel." + tiles) <= CPU_COST_KEPT * oneCpu
                    && metrics.get("cancelMillis." + tiles) < metrics.get("cancelMillis." + best)) {
                best = tiles;
            }
        }
        double oneMs = metrics.get("cancelMillis." + one);
        double bestMs = metrics.get("cancelMillis." + best);
        double oneWait = metrics.get("otherWaitP99Micros." + one);
        String cancel = best == one
                ? String.format(Locale.ROOT, "every tiling cost over %.0f%% more CPU per pixel than one call per frame, "
                        + "whose cancel took %.3g ms", 100 * (CPU_COST_KEPT - 1), oneMs)
                : String.format(Locale.ROOT, "with %d tiles per frame a cancel took %.3g ms instead of %.3g ms (%.0fx "
                        + "sooner) for %s CPU per pixel, and an interpreted thread's p99 wait for the lock went from "
                        + "%.0f us to %.0f us", best, bestMs, oneMs, oneMs / bestMs,
                        change(metrics.get("cpuNanosPerPixel." + best) / oneCpu), oneWait,
                        metrics.get("otherWaitP99Micros." + best));
        String finestCost = String.format(Locale.ROOT, "%d-pixel tiles cost %s CPU per pixel and %.0f us of p99 wait",
                metrics.get("tilePixels." + finest).intValue(),
                change(metrics.get("cpuNanosPerPixel." + finest) / oneCpu), metrics.get("otherWaitP99Micros." + finest));
        return cancel + "; " + finestCost + (identical ? "; every tiling gave the same image."
                : "; BUT some tiling gave a different image.");
    }

    /** A ratio as a signed whole percentage change: 1.37 is "+37%", 0.998 is "+0%". */
    private static String change(double ratio) {
        return String.format(Locale.ROOT, "%+d%%", Math.round(100 * (ratio - 1)));
    }
}
