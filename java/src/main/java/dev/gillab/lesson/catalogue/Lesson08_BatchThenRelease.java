package dev.gillab.lesson.catalogue;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.CallLoop;
import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.experiment.Units;
import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.Region;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonChart;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Verdict;
import dev.gillab.lock.Interpreter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * <h2>Lesson 08: batch the work, then release once</h2>
 *
 * <p>The problem. Lesson 04 showed that a release costs more than a short call. Often the
 * short calls come in a loop, one per element: then the cure is not to hold the lock, but to
 * hand the native side the whole batch in one call and release around that. The binding's
 * cost and the lock's drop and take are then paid once per batch instead of once per element,
 * and the one long call runs in parallel with other threads' calls as lesson 03's did.
 *
 * <p>The real-world analogue. NumPy's vectorised operations against a Python loop over
 * elements; {@code hashlib.update()} with one large buffer rather than many small ones;
 * {@code executemany} rather than {@code execute} in a loop; any extension API that takes an
 * array or an iterable instead of a scalar.
 *
 * <p>What runs here. A Mandelbrot image of {@value #WIDTH} x {@value #HEIGHT} pixels at
 * {@value #MAX_ITER} iterations (tens of nanoseconds of C per pixel), rendered through
 * {@link KernelsUnderLock#releasing} on the default binding ({@code ffm}), in an interpreted
 * loop ({@link CallLoop}), in three batch sizes: one call per pixel (a 1 x 1 image of the
 * pixel's cell), one call per row, and one call per thread for its whole block of rows, each
 * on 1 and 2 threads (the threads split
 * the rows); the faster batches render it more times, so that every run lasts about as long. The results are the same image, bit for bit: every cell boundary and pixel centre
 * is a multiple of a power of two small enough to be exact in a double, so each call computes
 * exactly the centres the whole image would; the lesson checks it.
 *
 * <p>What to observe. "per pixel" (wall time per pixel): the per-pixel calls cost several
 * times the batched ones, the difference being the binding's call and the lock's release, paid
 * 65536 times per image instead of once. "regions" counts the released regions: one per call.
 * Every batch size releases around its calls, so every one runs faster on 2 threads; but the
 * per-pixel calls keep paying their overhead on both threads, and hand the lock from thread to
 * thread thousands of times ("switches").
 *
 * <p>Expected: per pixel, one call per pixel 5x to 15x the cost of one call per block; 2
 * threads: 1.5x to 2.0x for every batch size.
 *
 * <h2>Measured</h2>
 * <pre>
 * $ ./gillab lesson 08      (2026-11-22; 2 cores, otherwise idle: load average 0.88)
 *
 * run                            threads  wall ms  speedup  switches  forced drops  lock wait  per pixel  regions  CPU/wall
 * -----------------------------  -------  -------  -------  --------  ------------  ---------  ---------  -------  --------
 * one call per pixel, 1 thread         1    204.8    1.00x         1             0         0%     260 ns   786432      0.99
 * one call per pixel, 2 threads        2    173.4    1.18x        82             0         9%     220 ns   786432      0.92
 * one call per row, 1 thread           1    178.8    1.00x         1             0         0%      57 ns    12288      0.99
 * one call per row, 2 threads          2    138.5    1.29x      3592             0         9%      44 ns    12288      1.34
 * one call per block, 1 thread         1    353.1    1.00x         1             0         0%      56 ns       96      1.00
 * one call per block, 2 threads        2    202.5    1.74x       181             0         0%      32 ns      192      1.80
 * =&gt; one call per pixel cost 260 ns per pixel, one call per block 56 ns (4.6x less), with 786432 released regions instead of 96; on 2 threads, per pixel ran at 1.18x and per block at 1.74x; the images were identical. Batch, then release once.
 * </pre>
 * <p>One call per block cost 56 ns per pixel against 260 ns with one call per pixel (4.6x), from
 * 96 released regions instead of 786432; on 2 threads the per-block version scaled to 1.74x,
 * while per pixel gained only 1.18x, its threads queuing for the lock at every one of their
 * 786432 re-takes. Both per-pixel figures fall short of the expected band because gillab's
 * release and re-take is cheap (about 15 ns, against about 0.4 us in CPython): in CPython the
 * per-pixel loop would pay that 0.4 us per pixel, and batching would win by far more.
 *
 * <p>How to run: {@code ./gillab lesson 08} (options: {@code --threads 1,2,4 --binding
 * javacpp --quick}).
 */
public final class Lesson08_BatchThenRelease implements Lesson {

    /** Image width in pixels. */
    static final int WIDTH = 256;

    /** Image height in pixels. */
    static final int HEIGHT = 256;

    /** The iteration limit: low, so that a pixel is a small element (tens of nanoseconds). */
    static final int MAX_ITER = 100;

    /**
     * Time per pixel for each batch size, on each thread count: one call per pixel pays the
     * call and the release for every pixel; the batched calls pay them once per row or block.
     */
    private static LessonChart chart(List<Integer> threadCounts, Map<String, Double> metrics) {
        List<LessonChart.Point> bars = new ArrayList<>();
        for (Batch batch : Batch.values()) {
            for (int threads : threadCounts) {
                Double nanos = metrics.get("ns.per.pixel." + batch.id() + "." + threads);
                if (nanos != null) {
                    bars.add(LessonChart.bar(Units.threads(threads), batch.label, nanos));
                }
            }
        }
        return LessonChart.bars("Time per pixel: one call per pixel, per row or per block", "ns per pixel",
                bars);
    }

    /** How much work each native call does. */
    enum Batch {
        /** A 1 x 1 image of the pixel's cell. */
        PIXEL("one call per pixel", 12),
        /** A width x 1 image of the row's strip. */
        ROW("one call per row", 48),
        /** The thread's whole block of rows in one image. */
        BLOCK("one call per block", 96);

        private final String label;
        /** Renderings of the image per run at scale 1: fewer for the slower batches, so that each run lasts about 0.5 s. */
        private final long passes;

        Batch(String label, long passes) {
            this.label = label;
            this.passes = passes;
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final LessonInfo INFO = new LessonInfo(8, "Batch, then release", Verdict.RIGHT,
            "NumPy vectorised calls vs a Python loop; hashlib update() with one large buffer",
            "per pixel: one call per pixel 5x to 15x one call per block; 2 threads: 1.5x to 2.0x for each",
            "one native call per batch pays the binding and the lock once: cheaper per element, and it scales");

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        Binding binding = settings.bindingOr(Binding.FFM);
        Kernels nativeKernels = binding.kernels();
        int[] reference = nativeKernels.mandelbrot(WIDTH, HEIGHT, MAX_ITER, Region.FULL_SET);
        boolean identical = true;
        List<Row> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        Measurement telling = null;
        for (Batch batch : Batch.values()) {
            long passes = settings.scaled(batch.passes, 1);
            Measurement baseline = null;
            for (int threads : settings.threadsOr(List.of(1, 2))) {
                Interpreter interpreter = settings.interpreter();
                Kernels kernels = KernelsUnderLock.releasing(interpreter, nativeKernels);
                int[] image = new int[WIDTH * HEIGHT];
                Measurement m = ThreadedRun.run(interpreter, threads, batch.id(),
                        t -> render(interpreter, kernels, batch, image, threads, t, passes));
                identical &= Arrays.equals(image, reference);
                if (baseline == null) {
                    baseline = m;
                }
                if (batch == Batch.PIXEL && threads == 2) {
                    telling = m;
                }
                double nanosPerPixel = (double) m.wallNanos() / (passes * WIDTH * HEIGHT);
                long regions = m.stats().total().releasedRegions();
                Row row = Row.of(batch.label + ", " + Units.threads(threads), m,
                                baseline.wallNanos())
                        .with("per pixel", Units.nanos(nanosPerPixel))
                        .with("regions", Long.toString(regions))
                        .with("CPU/wall", String.format(Locale.ROOT, "%.2f", m.parallelism()));
                rows.add(row);
                String key = batch.id() + "." + threads;
                metrics.put("ns.per.pixel." + key, nanosPerPixel);
                metrics.put("cpu.ns.per.pixel." + key, (double) m.cpuNanos() / (passes * WIDTH * HEIGHT));
                metrics.put("regions." + key, (double) regions);
                metrics.put("speedup." + key, row.speedup());
                metrics.put("pixels." + key, (double) passes * WIDTH * HEIGHT);
                settings.progress().stepDone(row.label());
            }
        }
        metrics.put("images.identical", identical ? 1.0 : 0.0);
        return new LessonResult(INFO, rows, conclusion(metrics, settings.threadsOr(List.of(1, 2)), identical), metrics,
                telling == null ? null : telling.trace()).withChart(chart(settings.threadsOr(List.of(1, 2)), metrics));
    }

    /**
     * Thread {@code t} of {@code threads} renders its block of rows, {@code passes} times, one
     * native call per {@code batch}, into {@code image}.
     */
    private static void render(Interpreter interpreter, Kernels kernels, Batch batch, int[] image, int threads, int t,
                               long passes) {
        int first = HEIGHT * t / threads;
        int end = HEIGHT * (t + 1) / threads;
        long callsPerPass = switch (batch) {
            case PIXEL -> (long) (end - first) * WIDTH;
            case ROW -> end - first;
            case BLOCK -> 1;
        };
        CallLoop.repeat(interpreter, passes * callsPerPass, i -> {
            int call = (int) (i % callsPerPass);
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

    /**
     * The region of the whole set covered by pixels {@code x0 <= x < x1}, {@code y0 <= y < y1}.
     * Every bound is a small multiple of 1/1024, exact in a double, so the pixel centres the
     * kernel computes inside it are exactly those of the whole image.
     */
    static Region cell(int x0, int x1, int y0, int y1) {
        Region all = Region.FULL_SET;
        double w = all.xMax() - all.xMin();
        double h = all.yMax() - all.yMin();
        return new Region(all.xMin() + w * x0 / WIDTH, all.xMin() + w * x1 / WIDTH,
                all.yMin() + h * y0 / HEIGHT, all.yMin() + h * y1 / HEIGHT);
    }

    /** What the figures say: the per-pixel cost both ways, alone, and the 2-thread speedup both ways. */
    private static String conclusion(Map<String, Double> m, List<Integer> threads, boolean identical) {
        int first = threads.getFirst();
        double perPixel = m.get("ns.per.pixel.pixel." + first);
        double perBlock = m.get("ns.per.pixel.block." + first);
        String text = String.format(Locale.ROOT, "one call per pixel cost %s per pixel, one call per block %s "
                        + "(%.1fx less), with %.0f released regions instead of %.0f", Units.nanos(perPixel),
                Units.nanos(perBlock), perPixel / perBlock, m.get("regions.pixel." + first),
                m.get("regions.block." + first));
        Double pixelTwo = m.get("speedup.pixel.2");
        Double blockTwo = m.get("speedup.block.2");
        if (pixelTwo != null && blockTwo != null && first == 1) {
            text += String.format(Locale.ROOT, "; on 2 threads, per pixel ran at %.2fx and per block at %.2fx",
                    pixelTwo, blockTwo);
        }
        return text + (identical ? "; the images were identical. Batch, then release once."
                : "; BUT THE IMAGES DIFFERED: a batch must compute what the calls it replaces did.");
    }
}
