package dev.gillab.lesson.catalogue;

import static dev.gillab.lesson.Expectation.Needs.ANY_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.IDLE_MACHINE;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.ProbedSeries;
import dev.gillab.experiment.Units;
import dev.gillab.kernel.Kernel;
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
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Lesson 02: broken: a native call that keeps the lock makes threads take turns.
 *
 * <p>A C extension does its heavy work without releasing the interpreter lock: the author forgot
 * {@code Py_BEGIN_ALLOW_THREADS}, or believed that declaring a Cython function {@code nogil}
 * releases anything (it only permits releasing). The C code never polls the eval breaker, so
 * while one thread is inside the call every other thread waits for the whole call, whatever the
 * switch interval says, and the calls run one after another as if one thread made them all.
 * CPython's counterpart: ctypes' {@code PyDLL}, which keeps the lock during the foreign call
 * ({@code _call_function_pointer} in {@code Modules/_ctypes/callproc.c} releases it only for
 * functions without {@code FUNCFLAG_PYTHONAPI}, the flag {@code PyDLL} sets); pybind11, which
 * never releases unless told to. The fix is lesson 03.
 */
public final class Lesson02_BrokenNativeHoldsTheLock implements Lesson {

    /**
     * Broken: a whole Mandelbrot image in C, about 25 ms, called with the lock held. Nothing
     * here gives the lock up; a waiter's drop request is seen only at the interpreted loop's next
     * poll, after the call returns. The fix releases around it:
     * {@link Lesson03_ReleaseAroundTheNativeCall#renderReleased}.
     */
    static int[] renderHoldingTheLock(Kernels c) {
        return c.mandelbrot(IMAGE_SIDE, IMAGE_SIDE, MAX_ITER, Region.FULL_SET);
    }

    /** Pixels per side of the image each call renders: about 25 ms of C. Lesson 03 renders the same. */
    static final int IMAGE_SIDE = 256;

    /** The Mandelbrot iteration limit of each call. */
    static final int MAX_ITER = Kernel.DEFAULT_MAX_ITER;

    static final Metric SPEEDUP = Metric.of("speedup", "speedup over 1 thread", Metric.Unit.RATIO);
    static final Metric PARALLELISM = Metric.of("parallelism", "CPU time over wall time", Metric.Unit.NUMBER);
    static final Metric MOST_IN_FLIGHT = Metric.of("mostInFlight", "most native calls in flight at once",
            Metric.Unit.COUNT);
    static final Metric OVERLAP = Metric.of("overlap", "share of the wall time with 2 or more calls in flight",
            Metric.Unit.SHARE);

    static final LessonInfo INFO = new LessonInfo(2, "Native call holding the lock", Verdict.BROKEN,
            "an extension without Py_BEGIN_ALLOW_THREADS; ctypes PyDLL",
            "a native call that keeps the lock: threads take turns, calls never overlap",
            List.of(Expectation.of(MOST_IN_FLIGHT.threads(2), Band.exactly(1), ANY_MACHINE),
                    Expectation.of(MOST_IN_FLIGHT.threads(4), Band.exactly(1), ANY_MACHINE),
                    Expectation.of(OVERLAP.threads(4), Band.exactly(0), ANY_MACHINE),
                    Expectation.of(PARALLELISM.threads(4), Band.below(1.3), ANY_MACHINE),
                    Expectation.of(SPEEDUP.threads(2), Band.between(0.9, 1.05), IDLE_MACHINE)
                            .cpython("CPython 3.13.5, PYTHON_GIL=1: 0.965x for a 1 ms C call through ctypes "
                                    + "PyDLL, gillab fidelity scenario 14"),
                    Expectation.of(SPEEDUP.threads(4), Band.between(0.9, 1.05), IDLE_MACHINE)));

    /** Native calls per configuration at scale 1, shared by its threads: about 0.8 s of C. */
    static final long TOTAL_CALLS = 32;

    /** Fewest calls per configuration at small scales, so that 4 threads make 2 calls each. */
    static final long MIN_CALLS = 8;

    @Override
    public LessonInfo info() {
        return INFO;
    }

    /** The same calls on 1, 2 and 4 threads, an in-flight probe between the lock and the C code. */
    @Override
    public LessonResult run(LessonSettings settings) {
        ProbedSeries series = ProbedSeries.run(settings::interpreter, settings.bindingOr(Binding.FFM), "held",
                settings.threadsOr(List.of(1, 2, 4)), settings.scaled(TOTAL_CALLS, MIN_CALLS),
                (interpreter, c) -> renderHoldingTheLock(c), settings.progress()::stepDone);
        Figures figures = new Figures();
        series.steps().forEach(s -> putFigures(figures, s, UnaryOperator.identity()));
        ProbedSeries.Step last = series.steps().getLast();
        String conclusion = series.mostInFlight() == 1
                ? String.format(Locale.ROOT, "native calls never overlapped (at most 1 in flight) and %d threads "
                        + "ran at %.2fx the speed of %d, one waiting up to %s for the lock: the call keeps the lock. "
                        + "Release it around the call (lesson 03).", last.threads(), last.row().speedup(),
                        series.steps().getFirst().threads(),
                        Units.nanos(last.run().measurement().stats().waits().maxNanos()))
                : String.format(Locale.ROOT, "up to %d native calls ran at once (%d threads at %.2fx): nothing "
                        + "serialised them (is the lock mode 'free'?).", series.mostInFlight(), last.threads(),
                        last.row().speedup());
        return new LessonResult(INFO, series.rows(), conclusion, figures, series.telling().measurement().trace(),
                LessonChart.SPEEDUP);
    }

    /** Puts one run's speedup, CPU/wall, most calls in flight and overlap, each metric named by {@code naming}. */
    static void putFigures(Figures figures, ProbedSeries.Step s, UnaryOperator<Metric> naming) {
        figures.put(naming.apply(SPEEDUP.threads(s.threads())), s.row().speedup())
                .put(naming.apply(PARALLELISM.threads(s.threads())), s.run().measurement().parallelism())
                .put(naming.apply(MOST_IN_FLIGHT.threads(s.threads())), s.run().maxInFlight())
                .put(naming.apply(OVERLAP.threads(s.threads())), s.run().overlapShare());
    }

    /*
     * Measured:
     * <output>
     * $ ./gillab lesson 02      (2026-12-08; 2 cores, AMD EPYC; load average 1.58 2.57 3.98 before)
     *
     * run                  threads  wall ms  speedup  switches  forced drops  lock wait  CPU/wall  max in flight  overlap  longest wait
     * -------------------  -------  -------  -------  --------  ------------  ---------  --------  -------------  -------  ------------
     * ffm held, 1 thread         1    528.1    1.00x         1             0         0%      1.00              1       0%        274 us
     * ffm held, 2 threads        2    563.5    0.94x        32            30        48%      1.01              1       0%         19 ms
     * ffm held, 4 threads        4    566.1    0.93x        32            28        63%      1.00              1       0%        178 ms
     * => native calls never overlapped (at most 1 in flight) and 4 threads ran at 0.93x the speed of 1, one waiting up to 178 ms for the lock: the call keeps the lock. Release it around the call (lesson 03).
     *    expectations: 6 of 6 held
     * </output>
     * "max in flight" stays at 1 and "overlap" at 0%: no two native calls ever ran together, the
     * proof counted rather than timed. The speedup and CPU/wall stay at 1. The longest wait for
     * the lock is at least a whole call and grows with the threads, not one switch interval: a
     * thread waiting for a holder that never polls gets the lock only when a whole call ends.
     *
     * How to run: ./gillab lesson 02   (options: --threads 1,2,4 --binding jna --switch-interval 1000;
     * --mode free shows the same calls overlapping).
     */
}
