package dev.gillab.lesson.catalogue;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.ProbedRun;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.Units;
import dev.gillab.kernel.Kernel;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * <h2>Lesson 03: release the lock around the native call</h2>
 *
 * <p>The problem. Lesson 02's threads took turns because the native call kept the lock. The
 * fix is one pair of macros around the part of the call that touches no interpreter state:
 * {@code Py_BEGIN_ALLOW_THREADS} gives the lock up, {@code Py_END_ALLOW_THREADS} takes it back.
 * While one thread computes in C, the others run: other native calls on other cores, or
 * interpreted code. With N cores, N threads making long native calls go N times as fast.
 *
 * <p>The real-world analogue. {@code Py_BEGIN_ALLOW_THREADS} / {@code Py_END_ALLOW_THREADS};
 * pybind11's {@code py::gil_scoped_release} (or {@code call_guard<gil_scoped_release>});
 * PyO3's {@code Python::detach} ({@code allow_threads} before 0.26); Cython's
 * {@code with nogil:}; ctypes' {@code CDLL}, which releases around every foreign call.
 * hashlib, zlib and NumPy do this for large inputs (see lesson 05 for "large").
 *
 * <p>What runs here. {@link KernelsUnderLock#releasing}: lesson 02's call exactly (a
 * {@value Lesson02_BrokenNativeHoldsTheLock#IMAGE_SIDE}-pixel Mandelbrot image, about 25 ms
 * of C) in the same interpreted loop, with the lock released around each call. The default
 * binding ({@code ffm}) runs on 1, 2, the core count and twice the core count of threads;
 * every other native binding on 1 and 2 threads, to show that the release, not the binding,
 * is what matters for calls this long. An {@link dev.gillab.experiment.InFlightProbe} counts the
 * native calls in flight.
 *
 * <p>What to observe. "max in flight" reaches the thread count and "overlap" (the share of
 * the wall time with two or more calls running) nears 100%: the calls ran together. The
 * speedup and CPU/wall reach about the core count and no further: 4 threads on 2 cores are
 * no faster than 2. "lock wait" stays near 0%: a thread holds the lock only between calls.
 * Every binding scales alike; their per-call costs (tens of nanoseconds to microseconds) are
 * invisible next to 25 ms.
 *
 * <p>Expected: 2 threads at 1.7x to 2.0x on 2 or more cores, at most min(threads, cores)x;
 * max in flight = threads.
 *
 * <h2>Measured</h2>
 * <pre>
 * $ ./gillab lesson 03      (2026-11-22; 2 cores, otherwise idle: load average 0.66)
 *
 * run                                      threads  wall ms  speedup  switches  forced drops  lock wait  CPU/wall  max in flight  overlap  longest wait
 * ---------------------------------------  -------  -------  -------  --------  ------------  ---------  --------  -------------  -------  ------------
 * ffm released, 1 thread                         1    273.4    1.00x         1             0         0%      0.99              1       0%        328 us
 * ffm released, 2 threads                        2    135.4    2.02x        18             0         0%      1.89              2      90%       60.9 us
 * ffm released, 4 threads                        4    130.9    2.09x        20             0         1%      1.97              4      99%       3.21 ms
 * jna released, 1 thread                         1    273.1    1.00x         1             0         0%      0.95              1       0%       24.0 us
 * jna released, 2 threads                        2    183.0    1.49x        12             0         0%      1.42              2      72%        467 us
 * jna-direct released, 1 thread                  1    258.1    1.00x         1             0         0%      1.00              1       0%       20.3 us
 * jna-direct released, 2 threads                 2    146.7    1.76x        18             0         0%      1.75              2      96%        126 us
 * jna-memory released, 1 thread                  1    254.2    1.00x         1             0         0%      1.00              1       0%       6.74 us
 * jna-memory released, 2 threads                 2    128.6    1.98x        18             0         0%      1.98              2      98%        321 us
 * javacpp released, 1 thread                     1    255.6    1.00x         1             0         0%      1.00              1       0%       15.9 us
 * javacpp released, 2 threads                    2    130.7    1.96x        17             0         0%      1.95              2      97%        433 us
 * javacpp-critical released, 1 thread            1    253.5    1.00x         1             0         0%      1.00              1       0%       4.80 us
 * javacpp-critical released, 2 threads           2    129.0    1.96x        17             0         0%      1.96              2      98%        194 us
 * javacpp-noexception released, 1 thread         1    254.5    1.00x         1             0         0%      1.00              1       0%       6.04 us
 * javacpp-noexception released, 2 threads        2    136.1    1.87x        18             0         0%      1.93              2      93%        182 us
 * ffm-critical released, 1 thread                1    274.6    1.00x         1             0         0%      0.95              1       0%       5.88 us
 * ffm-critical released, 2 threads               2    127.8    2.15x        18             0         0%      1.98              2      98%        228 us
 * =&gt; native calls overlapped (up to 4 in flight); ffm ran fastest with 4 threads, at 2.09x the speed of 1 on 2 cores; every other binding at 2 threads: 1.49x to 2.15x. Released, the calls use every core.
 * </pre>
 * <p>Released, the calls overlapped on every binding: 1.87x to 2.15x at 2 threads on 2 cores for
 * all but plain jna (1.49x, whose interface mapping adds the most Java-side work per call), and
 * 4 threads no faster than 2 (2.09x), since there are 2 cores. Speedups slightly above 2x are
 * timing noise of runs a quarter of a second long.
 *
 * <p>How to run: {@code ./gillab lesson 03} (options: {@code --threads 1,2,4 --binding javacpp
 * --quick}; with {@code --binding} only that binding runs).
 */
public final class Lesson03_ReleaseAroundTheNativeCall implements Lesson {

    /** Native calls per configuration at scale 1, shared by its threads: about 0.4 s of C. */
    static final long TOTAL_CALLS = 16;

    /** Fewest calls per configuration at small scales: one per thread at 4 threads. */
    static final long MIN_CALLS = 4;

    /** The binding shown on every thread count unless the user picks one. */
    static final Binding DEFAULT_BINDING = Binding.FFM;

    private static final LessonInfo INFO = new LessonInfo(3, "Release around the native call", Verdict.RIGHT,
            "Py_BEGIN_ALLOW_THREADS; pybind11 gil_scoped_release; PyO3 detach; Cython with nogil; ctypes CDLL",
            "2 threads: 1.7x to 2.0x on 2+ cores (at most min(threads, cores)x); native calls overlap",
            "the native call releases the lock: N threads run N-fold on N cores, with every binding");

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        int cores = Runtime.getRuntime().availableProcessors();
        long total = settings.scaled(TOTAL_CALLS, MIN_CALLS);
        Binding main = settings.bindingOr(DEFAULT_BINDING);
        List<Binding> bindings = new ArrayList<>(settings.bindingOrEveryNative());
        bindings.remove(main);
        bindings.addFirst(main);
        List<Row> rows = new ArrayList<>();
        List<Row> mainRows = new ArrayList<>();
        List<Row> othersAtTwo = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        ProbedRun telling = null;
        int mostInFlight = 0;
        List<Integer> mainThreads = settings.threadsOr(List.copyOf(new TreeSet<>(List.of(1, 2, cores, 2 * cores))));
        for (Binding binding : bindings) {
            ProbedRun baseline = null;
            for (int threads : binding == main ? mainThreads : settings.threadsOr(List.of(1, 2))) {
                ProbedRun run = ProbedRun.run(settings.interpreter(), binding.kernels(), KernelsUnderLock::releasing,
                        threads, Math.max(1, total / threads), "released",
                        k -> Kernel.MANDELBROT.prepare(k, Lesson02_BrokenNativeHoldsTheLock.IMAGE_SIDE,
                                Lesson02_BrokenNativeHoldsTheLock.MAX_ITER));
                if (baseline == null) {
                    baseline = run;
                }
                Row row = run.row(binding.id() + " released, " + Units.threads(threads),
                        baseline.wallNanosPerCall());
                rows.add(row);
                if (binding == main) {
                    mainRows.add(row);
                } else if (threads == 2) {
                    othersAtTwo.add(row);
                }
                String suffix = binding == main ? "" : "." + binding.id();
                metrics.put("speedup." + threads + suffix, row.speedup());
                metrics.put("parallelism." + threads + suffix, run.measurement().parallelism());
                metrics.put("overlap.max." + threads + suffix, (double) run.maxInFlight());
                metrics.put("overlap.share." + threads + suffix, run.overlapShare());
                if (binding == main && (telling == null || threads == 2)) {
                    telling = run;
                }
                mostInFlight = Math.max(mostInFlight, run.maxInFlight());
                settings.progress().stepDone(row.label());
            }
        }
        return new LessonResult(INFO, rows, conclusion(main, mainRows, othersAtTwo, mostInFlight, cores), metrics,
                telling.measurement().trace());
    }

    /** What the figures say: the default binding's best row, the spread of the others at 2 threads. */
    private static String conclusion(Binding main, List<Row> mainRows, List<Row> othersAtTwo, int mostInFlight,
                                     int cores) {
        if (mostInFlight < 2) {
            return "native calls never overlapped (at most 1 in flight): something kept the lock during the calls.";
        }
        Row best = mainRows.stream().max(Comparator.comparingDouble(Row::speedup)).orElseThrow();
        String text = String.format(Locale.ROOT, "native calls overlapped (up to %d in flight); %s ran fastest with "
                + "%d threads, at %.2fx the speed of %d on %d cores", mostInFlight, main.id(), best.threads(),
                best.speedup(), mainRows.getFirst().threads(), cores);
        if (!othersAtTwo.isEmpty()) {
            text += String.format(Locale.ROOT, "; every other binding at 2 threads: %.2fx to %.2fx",
                    othersAtTwo.stream().mapToDouble(Row::speedup).min().orElseThrow(),
                    othersAtTwo.stream().mapToDouble(Row::speedup).max().orElseThrow());
        }
        return text + ". Released, the calls use every core.";
    }
}
