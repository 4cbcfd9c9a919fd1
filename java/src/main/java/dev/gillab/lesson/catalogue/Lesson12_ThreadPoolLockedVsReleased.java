package dev.gillab.lesson.catalogue;

import static dev.gillab.lesson.Expectation.Needs.ANY_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.IDLE_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.TWO_FREE_CORES;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.InFlightProbe;
import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.WarmUp;
import dev.gillab.kernel.Kernels;
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
import dev.gillab.lock.LockMode;
import dev.gillab.lock.Trace;
import dev.gillab.stdlib.InterpreterThreadPool;
import dev.gillab.stdlib.TimedMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Lesson 12: a thread pool speeds up released native tasks, not locked Java ones.
 *
 * <p>A thread pool is the everyday way to run work on several threads: hand it a function and a
 * list, get the results back. Whether its workers run at the same time is not up to the pool but
 * up to the interpreter lock: tasks that hold it take turns however many workers there are;
 * tasks that release it around native work run in parallel. This is CPython's
 * {@code multiprocessing.pool.ThreadPool(k).map(work, chunks)}, with {@code work} either pure
 * Python or a call into C that releases the GIL ({@code Py_BEGIN_ALLOW_THREADS}, as a ctypes
 * {@code CDLL} function or {@code hashlib} on a large buffer does).
 */
public final class Lesson12_ThreadPoolLockedVsReleased implements Lesson {

    /** {@code ThreadPool(workers).map(task, chunks)}: the pool's workers are threads attached to one interpreter. */
    static TimedMap<Long> mapOnThreadPool(Interpreter interpreter, int workers, Function<Long, Long> task,
                                          List<Long> chunks) {
        try (InterpreterThreadPool pool = new InterpreterThreadPool(interpreter, workers, "pool")) {
            return TimedMap.run(pool, task, chunks);
        }
    }

    /** Serial: pure Java that holds the lock and polls it at every tick, so the workers take turns. */
    static Function<Long, Long> lockedTask(Interpreter interpreter) {
        return KernelsUnderLock.interpreted(interpreter)::countdown;
    }

    /**
     * Parallel: the native countdown called with the lock released around it, so a worker holds
     * the lock only to start and finish a task. {@code nativeCalls} counts the tasks in flight.
     */
    static Function<Long, Long> releasedTask(Interpreter interpreter, InFlightProbe nativeCalls) {
        return KernelsUnderLock.releasing(interpreter, nativeCalls)::countdown;
    }

    static final Metric LOCKED_SPEEDUP = Metric.of("speedup.locked", "locked Java, speedup over 1 worker",
            Metric.Unit.RATIO);
    static final Metric RELEASED_SPEEDUP = Metric.of("speedup.released", "released native, speedup over 1 worker",
            Metric.Unit.RATIO);
    static final Metric LOCKED_PARALLELISM = Metric.of("parallelism.locked",
            "locked Java, CPU time over wall time", Metric.Unit.NUMBER);
    static final Metric RELEASED_PARALLELISM = Metric.of("parallelism.released",
            "released native, CPU time over wall time", Metric.Unit.NUMBER);
    static final Metric IN_FLIGHT = Metric.of("inFlight.released",
            "released native, most tasks inside the native call at once", Metric.Unit.COUNT);

    /** CPU time over wall time of tasks that ran one at a time: at most this, whatever the machine's load. */
    static final double ONE_AT_A_TIME = 1.2;

    static final LessonInfo INFO = new LessonInfo(12, "Thread pool: locked vs released tasks", Verdict.SHOWS,
            "multiprocessing.pool.ThreadPool: map of pure Python vs a GIL-releasing C extension",
            "a thread pool runs released native tasks in parallel and locked Java tasks one at a time",
            List.of(Expectation.of(IN_FLIGHT.threads(1), Band.exactly(1), ANY_MACHINE),
                    Expectation.of(IN_FLIGHT.threads(2), Band.exactly(2), ANY_MACHINE),
                    Expectation.of(IN_FLIGHT.threads(4), Band.atLeast(2), ANY_MACHINE),
                    Expectation.of(LOCKED_PARALLELISM.threads(2), Band.atMost(ONE_AT_A_TIME), ANY_MACHINE),
                    Expectation.of(LOCKED_PARALLELISM.threads(4), Band.atMost(ONE_AT_A_TIME), ANY_MACHINE),
                    Expectation.of(RELEASED_PARALLELISM.threads(2), Band.atLeast(1.3), TWO_FREE_CORES),
                    Expectation.of(LOCKED_SPEEDUP.threads(2), Band.between(0.9, 1.05), IDLE_MACHINE)
                            .cpython("CPython 3.11.7, pure-Python countdown on 2 threads: 0.99x, "
                                    + "gillab fidelity scenario 1"),
                    Expectation.of(LOCKED_SPEEDUP.threads(4), Band.between(0.9, 1.05), IDLE_MACHINE),
                    Expectation.of(RELEASED_SPEEDUP.threads(2), Band.between(1.7, 2.0), IDLE_MACHINE)
                            .cpython("CPython 3.13.5 with PYTHON_GIL=1, a ctypes CDLL countdown on 2 threads: "
                                    + "1.95x, gillab fidelity scenario 14"),
                    Expectation.of(RELEASED_SPEEDUP.threads(4), Band.between(1.7, 2.0), IDLE_MACHINE)));

    /** Countdown iterations at scale 1, over all tasks: about 0.8 s of one core per kind. */
    static final long TOTAL_ITERATIONS = 300_000_000L;

    /** The fewest iterations, so that a small run's released map lasts long enough to show two cores busy. */
    static final long MIN_ITERATIONS = 40_000_000L;

    /** Chunks per map: divisible by 1, 2 and 4, so that every worker gets the same share. */
    static final int TASKS = 8;

    @Override
    public LessonInfo info() {
        return INFO;
    }

    /** Each kind of task mapped on pools of 1, 2 and 4 workers, after an untimed warm-up of both. */
    @Override
    public LessonResult run(LessonSettings settings) {
        Binding binding = settings.bindingOr(Binding.FFM);
        Kernels nativeKernels = binding.kernels();
        List<Long> chunks = Collections.nCopies(TASKS, settings.scaled(TOTAL_ITERATIONS, MIN_ITERATIONS) / TASKS);
        WarmUp.onTwoThreads(settings::interpreterIn, List.of(settings.modeOr(LockMode.SWITCH)), interpreter -> {
            Function<Long, Long> locked = lockedTask(interpreter);
            Function<Long, Long> released = releasedTask(interpreter, new InFlightProbe(nativeKernels));
            return () -> {
                locked.apply(WarmUp.COUNTDOWN);
                released.apply(WarmUp.COUNTDOWN);
            };
        });
        List<Row> rows = new ArrayList<>();
        Figures figures = new Figures();
        Trace telling = null;
        for (boolean released : new boolean[] {false, true}) {
            Measurement baseline = null;
            for (int workers : settings.threadsOr(List.of(1, 2, 4))) {
                Interpreter interpreter = settings.interpreter();
                InFlightProbe nativeCalls = new InFlightProbe(nativeKernels);
                Function<Long, Long> task = released ? releasedTask(interpreter, nativeCalls) : lockedTask(interpreter);
                Measurement m = mapOnThreadPool(interpreter, workers, task, chunks).measurement();
                baseline = baseline == null ? m : baseline;
                telling = telling == null || !released && workers == 2 ? m.trace() : telling;
                String kind = released ? "released native (" + binding.id() + ")" : "locked Java";
                Row row = Row.of(kind + ", " + workers(workers), m, baseline.wallNanos())
                        .with("CPU/wall", String.format(Locale.ROOT, "%.2f", m.parallelism()))
                        .with("overlap", released ? Integer.toString(nativeCalls.maxInFlight()) : "");
                rows.add(row);
                figures.put((released ? RELEASED_SPEEDUP : LOCKED_SPEEDUP).threads(workers), row.speedup())
                        .put((released ? RELEASED_PARALLELISM : LOCKED_PARALLELISM).threads(workers), m.parallelism());
                if (released) {
                    figures.put(IN_FLIGHT.threads(workers), nativeCalls.maxInFlight());
                }
                settings.progress().stepDone(row.label());
            }
        }
        Row locked = rows.get(rows.size() / 2 - 1);
        Row released = rows.get(rows.size() - 1);
        double lockedCores = figures.asMap().get(LOCKED_PARALLELISM.threads(locked.threads()));
        double releasedCores = figures.asMap().get(RELEASED_PARALLELISM.threads(released.threads()));
        String why = lockedCores <= ONE_AT_A_TIME
                ? "only work that releases the lock runs in parallel on a thread pool."
                : "the locked tasks ran in parallel too: nothing serialised them (is the lock mode 'free'?).";
        String conclusion = String.format(Locale.ROOT, "with %s, locked Java tasks ran at %.2fx the speed of 1 worker "
                        + "on %.2f cores (CPU time over wall time), released native tasks at %.2fx on %.2f cores: %s",
                workers(locked.threads()), locked.speedup(), lockedCores, released.speedup(), releasedCores, why);
        return new LessonResult(INFO, rows, conclusion, figures, telling, LessonChart.SPEEDUP);
    }

    private static String workers(int n) {
        return n + (n == 1 ? " worker" : " workers");
    }

    /*
     * Measured:
     * <output>
     * $ ./gillab lesson 12      (2026-12-08; 2 cores, AMD EPYC; load average 1.88 2.14 3.43 before)
     *
     * run                               threads  wall ms  speedup  switches  forced drops  lock wait  CPU/wall  overlap
     * --------------------------------  -------  -------  -------  --------  ------------  ---------  --------  -------
     * locked Java, 1 worker                   1    366.1    1.00x         0             0         0%      0.99
     * locked Java, 2 workers                  2    385.2    0.95x        75            68        48%      0.99
     * locked Java, 4 workers                  4    383.0    0.96x        61            56        63%      0.99
     * released native (ffm), 1 worker         1    360.5    1.00x         0             0         0%      1.00        1
     * released native (ffm), 2 workers        2    192.9    1.87x         8             0         0%      1.90        2
     * released native (ffm), 4 workers        4    187.3    1.93x        13             0         0%      1.94        4
     * => with 4 workers, locked Java tasks ran at 0.96x the speed of 1 worker on 0.99 cores (CPU time over wall time), released native tasks at 1.93x on 1.94 cores: only work that releases the lock runs in parallel on a thread pool.
     *    expectations: 10 of 10 held
     * </output>
     * Locked Java tasks take the same time on 1, 2 and 4 workers, CPU time over wall time staying at
     * one core, and the extra workers wait for the lock half and two thirds of their time. Released
     * native tasks run faster up to the number of cores (the cores are the limit, not the pool), CPU
     * over wall following, with almost no lock wait: each worker holds the lock only to start and
     * finish a task, and every worker is inside the native call at once (the overlap column).
     *
     * How to run: ./gillab lesson 12   (options: --threads 1,2,4 for the pool sizes, --binding jna, --mode,
     * --switch-interval, --quick). Lesson 13 runs pure Java in parallel on a pool of processes.
     */
}
