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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * <h2>Lesson 02: broken: a native call that holds the lock</h2>
 *
 * <p>The problem. A C extension does its heavy work without releasing the interpreter lock:
 * the author forgot {@code Py_BEGIN_ALLOW_THREADS}, or believed that declaring a Cython
 * function {@code nogil} releases anything (it only permits releasing). The native code never
 * polls the eval breaker, so while one thread is inside the call every other thread waits,
 * for the whole call, whatever the switch interval says. Threads add nothing: the calls run
 * one after another, exactly as if one thread had made them all.
 *
 * <p>The real-world analogue. ctypes' {@code PyDLL} (which, unlike {@code CDLL}, keeps the
 * lock during the foreign call); any extension function without
 * {@code Py_BEGIN_ALLOW_THREADS}; pybind11, which never releases unless told to
 * ({@code py::call_guard<py::gil_scoped_release>}).
 *
 * <p>What runs here. {@link KernelsUnderLock#holding}: a native binding's kernels (default
 * {@code ffm}) called with the lock held. The kernel is a whole Mandelbrot image of
 * {@value #IMAGE_SIDE} x {@value #IMAGE_SIDE} pixels at {@value #MAX_ITER} iterations, about
 * 25 ms of C per call, repeated in an interpreted loop that polls the lock between calls
 * ({@link dev.gillab.experiment.CallLoop}). The same number of calls is shared by 1, 2 and 4
 * threads. Between the lock and the native code sits an
 * {@link dev.gillab.experiment.InFlightProbe}, which counts how many native calls were running
 * at the same moment.
 *
 * <p>What to observe. "max in flight" stays at 1 and "overlap" at 0%: no two native calls ever
 * ran together, which is the proof, counted rather than timed. The speedup stays near 1x and
 * CPU/wall near 1. "longest wait" is at least a whole call (about 25 ms, several calls with 4
 * threads), not one switch interval: a waiter's drop request is seen only at the holder's next
 * poll, after the call returns.
 *
 * <p>Expected: 2 and 4 threads at 0.9x to 1.05x of one thread, at most 1 call in flight.
 * The fix is lesson 03 ({@link Lesson03_ReleaseAroundTheNativeCall}).
 *
 * <h2>Measured</h2>
 * <pre>
 * $ ./gillab lesson 02      (2026-11-22; 2 cores, otherwise idle: load average 0.66)
 *
 * run                  threads  wall ms  speedup  switches  forced drops  lock wait  CPU/wall  max in flight  overlap  longest wait
 * -------------------  -------  -------  -------  --------  ------------  ---------  --------  -------------  -------  ------------
 * ffm held, 1 thread         1    523.3    1.00x         1             0         0%      1.00              1       0%        239 us
 * ffm held, 2 threads        2    524.7    1.00x        32            30        48%      1.00              1       0%       17.8 ms
 * ffm held, 4 threads        4    527.7    0.99x        32            28        66%      1.00              1       0%        133 ms
 * =&gt; native calls never overlapped (at most 1 in flight) and 4 threads ran at 0.99x the speed of 1, one waiting up to 133 ms for the lock: the call keeps the lock. Release it around the call (lesson 03).
 * </pre>
 * <p>With the lock held, the native calls never overlapped and 2 and 4 threads took exactly the
 * time of one; the longest wait for the lock grew with the thread count (133 ms at 4 threads):
 * a thread waiting for a holder that never polls gets the lock only when a whole call ends.
 *
 * <p>How to run: {@code ./gillab lesson 02} (options: {@code --threads 1,2,4 --binding jna
 * --mode free --switch-interval 1000 --quick}).
 */
public final class Lesson02_BrokenNativeHoldsTheLock implements Lesson {

    /** Pixels per side of the image each call renders: about 25 ms of C. Lesson 03 uses the same call. */
    static final int IMAGE_SIDE = 256;

    /** The Mandelbrot iteration limit of each call. */
    static final int MAX_ITER = Kernel.DEFAULT_MAX_ITER;

    /** Native calls per configuration at scale 1, shared by its threads: about 0.8 s of C. */
    static final long TOTAL_CALLS = 32;

    /** Fewest calls per configuration at small scales, so that 4 threads make 2 calls each. */
    static final long MIN_CALLS = 8;

    private static final LessonInfo INFO = new LessonInfo(2, "Native call holding the lock", Verdict.BROKEN,
            "an extension without Py_BEGIN_ALLOW_THREADS; ctypes PyDLL",
            "2 and 4 threads: 0.9x to 1.05x of 1 thread; at most 1 native call in flight",
            "a native call that keeps the lock: threads take turns, calls never overlap");

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        Binding binding = settings.bindingOr(Binding.FFM);
        long total = settings.scaled(TOTAL_CALLS, MIN_CALLS);
        List<Row> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        ProbedRun baseline = null;
        ProbedRun telling = null;
        ProbedRun last = null;
        int mostInFlight = 0;
        for (int threads : settings.threadsOr(List.of(1, 2, 4))) {
            ProbedRun run = ProbedRun.run(settings.interpreter(), binding.kernels(), KernelsUnderLock::holding,
                    threads, Math.max(1, total / threads), "held",
                    k -> Kernel.MANDELBROT.prepare(k, IMAGE_SIDE, MAX_ITER));
            if (baseline == null) {
                baseline = run;
            }
            if (telling == null || threads == 2) {
                telling = run;
            }
            last = run;
            mostInFlight = Math.max(mostInFlight, run.maxInFlight());
            Row row = run.row(binding.id() + " held, " + Units.threads(threads),
                    baseline.wallNanosPerCall());
            rows.add(row);
            metrics.put("speedup." + threads, row.speedup());
            metrics.put("parallelism." + threads, run.measurement().parallelism());
            metrics.put("overlap.max." + threads, (double) run.maxInFlight());
            metrics.put("overlap.share." + threads, run.overlapShare());
            settings.progress().stepDone(row.label());
        }
        Row lastRow = rows.getLast();
        String conclusion = mostInFlight == 1
                ? String.format(Locale.ROOT, "native calls never overlapped (at most 1 in flight) and %d threads ran at "
                        + "%.2fx the speed of %d, one waiting up to %s for the lock: the call keeps the lock. "
                        + "Release it around the call (lesson 03).", lastRow.threads(), lastRow.speedup(),
                        rows.getFirst().threads(), Units.nanos(last.measurement().stats().waits().maxNanos()))
                : String.format(Locale.ROOT, "up to %d native calls ran at once (%d threads at %.2fx): nothing "
                        + "serialised them (is the lock mode 'free'?).", mostInFlight, lastRow.threads(),
                        lastRow.speedup());
        return new LessonResult(INFO, rows, conclusion, metrics, telling.measurement().trace());
    }
}
