package dev.gillab.lesson.catalogue;

import static dev.gillab.lesson.Expectation.Needs.ANY_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.IDLE_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.TWO_FREE_CORES;
import static dev.gillab.lesson.catalogue.Lesson02_BrokenNativeHoldsTheLock.IMAGE_SIDE;
import static dev.gillab.lesson.catalogue.Lesson02_BrokenNativeHoldsTheLock.MAX_ITER;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.ProbedSeries;
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
import dev.gillab.lock.ReleasedRegion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Lesson 03: release the lock around the native call, and N threads run N-fold on N cores.
 *
 * <p>Lesson 02's threads took turns because the C call kept the lock. The fix is one pair of
 * macros around the part of the call that touches no interpreter state:
 * {@code Py_BEGIN_ALLOW_THREADS} gives the lock up, {@code Py_END_ALLOW_THREADS} takes it back.
 * While one thread computes in C, the others run: other native calls on other cores, or
 * interpreted code. CPython's counterparts: the macros themselves ({@code Include/ceval.h});
 * ctypes' {@code CDLL}, which releases around every foreign call
 * ({@code Modules/_ctypes/callproc.c}); pybind11's {@code gil_scoped_release}, PyO3's
 * {@code Python::detach}, Cython's {@code with nogil:}.
 */
public final class Lesson03_ReleaseAroundTheNativeCall implements Lesson {

    /**
     * Right: lesson 02's call with the lock released while C runs ({@code Py_BEGIN_ALLOW_THREADS})
     * and taken back when it returns ({@code Py_END_ALLOW_THREADS}), on every path, exceptions
     * included. Inside the region the thread touches only the call's own arguments and result,
     * never the interpreter.
     */
    static int[] renderReleased(Interpreter interpreter, Kernels c) {
        try (ReleasedRegion _ = interpreter.release()) {
            return c.mandelbrot(IMAGE_SIDE, IMAGE_SIDE, MAX_ITER, Region.FULL_SET);
        }
    }

    /** The figures of lesson 02's experiment, measured the same way. */
    static final Metric SPEEDUP = Lesson02_BrokenNativeHoldsTheLock.SPEEDUP;
    static final Metric PARALLELISM = Lesson02_BrokenNativeHoldsTheLock.PARALLELISM;
    static final Metric MOST_IN_FLIGHT = Lesson02_BrokenNativeHoldsTheLock.MOST_IN_FLIGHT;
    static final Metric OVERLAP = Lesson02_BrokenNativeHoldsTheLock.OVERLAP;
    static final Metric SPEEDUP_PER_CORE = Metric.of("speedupPerCore",
            "default binding's best speedup over min(its threads, cores)", Metric.Unit.RATIO);
    static final Metric FEWEST_IN_FLIGHT = Metric.of("fewestInFlight",
            "fewest of the bindings' most calls in flight at once, 2 threads", Metric.Unit.COUNT);

    /** The binding shown on every thread count unless the user picks one; the others run on 1 and 2 threads. */
    static final Binding DEFAULT_BINDING = Binding.FFM;

    static final LessonInfo INFO = new LessonInfo(3, "Release around the native call", Verdict.RIGHT,
            "Py_BEGIN_ALLOW_THREADS; pybind11 gil_scoped_release; PyO3 detach; Cython with nogil; ctypes CDLL",
            "the native call releases the lock: N threads run N-fold on N cores, with every binding",
            List.of(Expectation.of(MOST_IN_FLIGHT.threads(2), Band.exactly(2), ANY_MACHINE),
                    Expectation.of(FEWEST_IN_FLIGHT, Band.exactly(2), ANY_MACHINE),
                    Expectation.of(OVERLAP.threads(2), Band.above(0), ANY_MACHINE),
                    Expectation.of(PARALLELISM.threads(2), Band.above(1.3), TWO_FREE_CORES),
                    Expectation.of(SPEEDUP.threads(2), Band.between(1.7, 2.1), IDLE_MACHINE)
                            .cpython("CPython 3.13.5, PYTHON_GIL=1: 1.95x for a 1 ms C call through ctypes CDLL, "
                                    + "gillab fidelity scenario 14"),
                    Expectation.of(SPEEDUP_PER_CORE, Band.atMost(1.1), IDLE_MACHINE)));

    /** Native calls per configuration at scale 1, shared by its threads: about 0.4 s of C. */
    static final long TOTAL_CALLS = 16;

    /** Fewest calls per configuration at small scales: one per thread at 4 threads. */
    static final long MIN_CALLS = 4;

    @Override
    public LessonInfo info() {
        return INFO;
    }

    /**
     * The default binding on 1, 2, the core count and twice the core count of threads; every
     * other native binding on 1 and 2, to show that the release, not the binding, is what counts
     * for calls this long. An in-flight probe sits between the lock and the C code.
     */
    @Override
    public LessonResult run(LessonSettings settings) {
        int cores = Runtime.getRuntime().availableProcessors();
        Binding main = settings.bindingOr(DEFAULT_BINDING);
        List<Binding> bindings = new ArrayList<>(settings.bindingOrEveryNative());
        bindings.remove(main);
        bindings.addFirst(main);
        Figures figures = new Figures();
        List<ProbedSeries> all = new ArrayList<>();
        for (Binding binding : bindings) {
            List<Integer> threads = settings.threadsOr(binding == main
                    ? List.copyOf(new TreeSet<>(List.of(1, 2, cores, 2 * cores))) : List.of(1, 2));
            ProbedSeries series = ProbedSeries.run(settings::interpreter, binding, "released", threads,
                    settings.scaled(TOTAL_CALLS, MIN_CALLS), Lesson03_ReleaseAroundTheNativeCall::renderReleased,
                    settings.progress()::stepDone);
            all.add(series);
            // the default binding's figures by the metric's name, every other's with its id: speedup.2.jna
            series.steps().forEach(s -> Lesson02_BrokenNativeHoldsTheLock.putFigures(figures, s,
                    metric -> binding == main ? metric : metric.at(binding.id())));
        }
        ProbedSeries.Step best = all.getFirst().steps().stream()
                .max(Comparator.comparingDouble(s -> s.row().speedup())).orElseThrow();
        figures.put(SPEEDUP_PER_CORE, best.row().speedup() / Math.min(best.threads(), cores));
        all.stream().flatMap(s -> s.steps().stream()).filter(s -> s.threads() == 2)
                .mapToInt(s -> s.run().maxInFlight()).min().ifPresent(fewest -> figures.put(FEWEST_IN_FLIGHT, fewest));
        List<Double> othersAtTwo = all.subList(1, all.size()).stream().flatMap(s -> s.steps().stream())
                .filter(s -> s.threads() == 2).map(s -> s.row().speedup()).toList();
        String spread = othersAtTwo.isEmpty() ? "" : String.format(Locale.ROOT,
                "; every other binding at 2 threads: %.2fx to %.2fx", othersAtTwo.stream().min(Double::compare).get(),
                othersAtTwo.stream().max(Double::compare).get());
        int mostInFlight = all.stream().mapToInt(ProbedSeries::mostInFlight).max().orElseThrow();
        String conclusion = mostInFlight < 2
                ? "native calls never overlapped (at most 1 in flight): something kept the lock during the calls."
                : String.format(Locale.ROOT, "native calls overlapped (up to %d in flight); %s ran fastest with %d "
                        + "threads, at %.2fx the speed of %d on %d cores%s. Released, the calls use every core.",
                        mostInFlight, main.id(), best.threads(), best.row().speedup(),
                        all.getFirst().steps().getFirst().threads(), cores, spread);
        return new LessonResult(INFO, all.stream().flatMap(s -> s.rows().stream()).toList(), conclusion, figures,
                all.getFirst().telling().measurement().trace(), LessonChart.SPEEDUP);
    }

    /*
     * Measured:
     * <output>
     * $ ./gillab lesson 03      (2026-12-08; 2 cores, AMD EPYC; load average 1.57 2.49 3.92 before)
     *
     * run                                      threads  wall ms  speedup  switches  forced drops  lock wait  CPU/wall  max in flight  overlap  longest wait
     * ---------------------------------------  -------  -------  -------  --------  ------------  ---------  --------  -------------  -------  ------------
     * ffm released, 1 thread                         1    283.0    1.00x         1             0         0%      0.99              1       0%        391 us
     * ffm released, 2 threads                        2    146.9    1.93x        18             0         0%      1.78              2      85%       97.3 us
     * ffm released, 4 threads                        4    145.1    1.95x        20             0         1%      1.88              4      96%       2.63 ms
     * jna released, 1 thread                         1    272.2    1.00x         1             0         0%      0.99              1       0%       22.2 us
     * jna released, 2 threads                        2    182.2    1.49x        14             0         0%      1.51              2      74%        664 us
     * jna-direct released, 1 thread                  1    271.2    1.00x         1             0         0%      0.94              1       0%       23.2 us
     * jna-direct released, 2 threads                 2    152.4    1.78x        18             0         1%      1.72              2      93%       2.72 ms
     * jna-memory released, 1 thread                  1    263.0    1.00x         1             0         0%      0.98              1       0%       14.6 us
     * jna-memory released, 2 threads                 2    134.8    1.95x        17             0         0%      1.90              2      94%        411 us
     * javacpp released, 1 thread                     1    260.9    1.00x         1             0         0%      1.00              1       0%       17.6 us
     * javacpp released, 2 threads                    2    134.9    1.93x        17             0         1%      1.92              2      95%        893 us
     * javacpp-critical released, 1 thread            1    251.3    1.00x         1             0         0%      1.00              1       0%       13.9 us
     * javacpp-critical released, 2 threads           2    132.1    1.90x        17             0         0%      1.94              2      94%        103 us
     * javacpp-noexception released, 1 thread         1    269.6    1.00x         1             0         0%      1.00              1       0%       13.6 us
     * javacpp-noexception released, 2 threads        2    140.7    1.92x        18             0         0%      1.91              2      91%       43.6 us
     * ffm-critical released, 1 thread                1    272.9    1.00x         1             0         0%      1.00              1       0%       9.04 us
     * ffm-critical released, 2 threads               2    135.6    2.01x        18             0         0%      1.97              2      97%        454 us
     * => native calls overlapped (up to 4 in flight); ffm ran fastest with 4 threads, at 1.95x the speed of 1 on 2 cores; every other binding at 2 threads: 1.49x to 2.01x. Released, the calls use every core.
     *    expectations: 6 of 6 held
     * </output>
     * "max in flight" reaches the thread count and "overlap" (the share of the wall time with two
     * or more calls running) nears 100%: the calls ran together. The speedup and CPU/wall reach
     * the core count and no further: 4 threads on 2 cores are no faster than 2, and speedups a
     * little above 2 are the noise of runs a quarter of a second long. "lock wait" stays near 0%:
     * a thread holds the lock only between calls. Every binding scales, plain jna least, as its
     * interface mapping adds the most Java-side work per call; the bindings' per-call costs
     * (nanoseconds to microseconds) are otherwise invisible next to 25 ms.
     *
     * How to run: ./gillab lesson 03   (options: --threads 1,2,4 --binding javacpp; with --binding
     * only that binding runs).
     */
}
