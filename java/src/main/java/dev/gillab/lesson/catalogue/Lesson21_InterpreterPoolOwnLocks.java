package dev.gillab.lesson.catalogue;

import static dev.gillab.lesson.Expectation.Needs.ANY_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.IDLE_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.TWO_FREE_CORES;

import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
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
import dev.gillab.stdlib.InterpreterPool;
import dev.gillab.stdlib.InterpreterThreadPool;
import dev.gillab.stdlib.PoolTask;
import dev.gillab.stdlib.ProcessPool;
import dev.gillab.stdlib.SharedBuffer;
import dev.gillab.stdlib.SharedTask;
import dev.gillab.stdlib.TimedMap;
import dev.gillab.stdlib.TimedPoolMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Lesson 21: a pool of interpreters runs pure Java in parallel in one process.
 *
 * <p>Since CPython 3.12 each subinterpreter has its own lock (PEP 684), and 3.14 pools them:
 * {@code concurrent.futures.InterpreterPoolExecutor} (PEP 734). Its workers run in parallel like
 * a process pool's, start like threads, and share no objects: arguments and results are pickled
 * from one interpreter to another, as to another process, but handed over in memory instead of
 * through a pipe. The same tasks run here on threads of one interpreter (lesson 12), on a pool
 * of interpreters, and on a pool of processes (lesson 13): a countdown (8 bytes each way) and a
 * matrix product (600 KiB each way); then the product once more with its matrices in shared
 * buffers, which cross interpreters without a copy, as a {@code memoryview} does.
 */
public final class Lesson21_InterpreterPoolOwnLocks implements Lesson {

    /** Serial: {@code ThreadPoolExecutor(2).map}: threads of one interpreter take turns at its lock. */
    static <R> TimedMap<R> onThreads(LockMode mode, List<? extends PoolTask<R>> tasks) {
        try (InterpreterThreadPool pool = new InterpreterThreadPool(Interpreter.create(mode), 2, "pool")) {
            Kernels interpreted = KernelsUnderLock.interpreted(pool.interpreter());
            return TimedMap.run(pool, (PoolTask<R> task) -> task.run(interpreted), tasks);
        }
    }

    /** Parallel, in one process: {@code InterpreterPoolExecutor(2).map}: a lock per worker, arguments copied. */
    static <R> TimedPoolMap<R> onInterpreters(LockMode mode, List<? extends PoolTask<R>> tasks) {
        return TimedPoolMap.measure(2, () -> InterpreterPool.start(2, mode, ProcessPool.WARM_UP_CALLS),
                pool -> pool.map(tasks, ThreadedRun.TIME_LIMIT));
    }

    /** Parallel, nothing copied: the matrices in {@link SharedBuffer}s, which cross interpreters as themselves. */
    static TimedPoolMap<SharedBuffer> onInterpretersShared(LockMode mode, List<SharedTask.MatmulInto> tasks) {
        return TimedPoolMap.measure(2, () -> InterpreterPool.start(2, mode, ProcessPool.WARM_UP_CALLS),
                pool -> pool.mapShared(tasks, ThreadedRun.TIME_LIMIT));
    }

    /** Parallel, in two processes: {@code ProcessPoolExecutor(2).map}: a lock per worker, arguments through pipes. */
    static <R> TimedPoolMap<R> onProcesses(LockMode mode, List<? extends PoolTask<R>> tasks) {
        return TimedPoolMap.measure(2, () -> ProcessPool.start(2, mode), pool -> pool.map(tasks));
    }

    static final Metric SPEEDUP = Metric.of("speedup", "speedup over 2 threads of one interpreter",
            Metric.Unit.RATIO);
    static final Metric PARALLELISM = Metric.of("parallelism", "the workers' CPU time over wall time",
            Metric.Unit.NUMBER);
    static final Metric SWITCHES = Metric.of("switches", "switches of the workers' locks", Metric.Unit.COUNT);
    static final Metric START = Metric.of("start", "start of the pool", Metric.Unit.MILLIS);
    static final Metric START_RATIO = Metric.of("startProcessesOverInterpreters",
            "start of the process pool over the interpreter pool's", Metric.Unit.RATIO);
    static final Metric BYTES_PER_TASK = Metric.of("bytesPerTask", "bytes crossing per task, both ways",
            Metric.Unit.COUNT);
    static final Metric COPY_RATIO = Metric.of("copyProcessesOverInterpreters",
            "matmul: time outside the computation per task, processes over interpreters", Metric.Unit.RATIO);

    static final LessonInfo INFO = new LessonInfo(21, "Interpreter pool: own locks in one process", Verdict.RIGHT,
            "concurrent.futures.InterpreterPoolExecutor (PEP 734, 3.14), per-interpreter locks (PEP 684, 3.12)",
            "interpreters scale like processes, start like threads, and copy their arguments without a pipe",
            List.of(Expectation.of(SWITCHES.at("interpreters.countdown"), Band.exactly(0), ANY_MACHINE),
                    Expectation.of(SWITCHES.at("interpreters.matmul"), Band.exactly(0), ANY_MACHINE),
                    // any machine: the process pool makes the same warm-up calls, and starts two JVMs too
                    Expectation.of(START_RATIO, Band.above(1), ANY_MACHINE),
                    Expectation.of(START_RATIO, Band.atLeast(2), IDLE_MACHINE),
                    Expectation.of(PARALLELISM.at("interpreters.countdown"), Band.atLeast(1.3), TWO_FREE_CORES),
                    Expectation.of(BYTES_PER_TASK.at("shared.matmul"), Band.exactly(0), ANY_MACHINE),
                    Expectation.of(SPEEDUP.at("interpreters.countdown"), Band.between(1.6, 2.5), IDLE_MACHINE)
                            .cpython("CPython 3.13 subinterpreters created 'isolated': gillab fidelity scenario 17"),
                    Expectation.of(SPEEDUP.at("processes.countdown"), Band.between(1.6, 2.5), IDLE_MACHINE),
                    Expectation.of(COPY_RATIO, Band.atLeast(1.5), IDLE_MACHINE)));

    /** Countdown iterations over the 8 tasks at scale 1; never fewer than {@link #MIN_COUNTDOWN}. */
    static final long COUNTDOWN = 400_000_000L;
    static final long MIN_COUNTDOWN = 100_000_000L;
    /** The matrices' side: 24 n^2 bytes per task, both ways. */
    static final int MATMUL_N = 160;

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        LockMode mode = settings.modeOr(LockMode.SWITCH);
        var countdowns = Collections.nCopies(8, new PoolTask.Countdown(settings.scaled(COUNTDOWN, MIN_COUNTDOWN) / 8));
        var product = new PoolTask.Matmul(matrix(1), matrix(2), MATMUL_N);
        var matmuls = Collections.nCopies((int) settings.scaled(48, 8), product);
        onThreads(mode, List.of(new PoolTask.Countdown(MIN_COUNTDOWN / 20))); // untimed: compiles the kernels
        List<Row> rows = new ArrayList<>();
        List<LessonChart.Point> bars = new ArrayList<>();
        Figures figures = new Figures();
        measure("countdown", countdowns, List.of(), mode, rows, bars, figures, settings);
        var copy = measure("matmul", matmuls, sharedMatmuls(product, matmuls.size()), mode, rows, bars, figures,
                settings);
        figures.put(COPY_RATIO, copy.get("processes") / copy.get("interpreters"));
        var f = figures.asMap();
        figures.put(START_RATIO, f.get(START.at("processes.countdown")) / f.get(START.at("interpreters.countdown")));
        String conclusion = String.format(Locale.ROOT, "on the countdown, 2 interpreters ran at %.2fx the speed of 2 "
                        + "threads and 2 processes at %.2fx; the interpreter pool started %.1fx sooner than the "
                        + "process pool, and moving a matmul's matrices cost the processes %.1fx what it cost the "
                        + "interpreters; in shared buffers they did not move at all.",
                f.get(SPEEDUP.at("interpreters.countdown")), f.get(SPEEDUP.at("processes.countdown")),
                f.get(START_RATIO), f.get(COPY_RATIO));
        return new LessonResult(INFO, rows, conclusion, figures, null,
                LessonChart.bars("Speedup over 2 threads of one interpreter", "speedup", bars));
    }

    /**
     * One workload on the three pools, and on a pool of interpreters once more if {@code shared}
     * has the same work with its arguments in shared buffers: rows, bars and figures; returns the
     * time per task spent outside the computation, by kind of pool.
     */
    private static <R> Map<String, Double> measure(String name, List<? extends PoolTask<R>> tasks,
                                                   List<SharedTask.MatmulInto> shared, LockMode mode, List<Row> rows,
                                                   List<LessonChart.Point> bars, Figures figures,
                                                   LessonSettings settings) {
        TimedMap<R> threads = onThreads(mode, tasks);
        long base = threads.measurement().wallNanos();
        rows.add(Row.of(name + ", 2 threads", threads.measurement(), base));
        bars.add(LessonChart.bar(name, "2 threads", 1));
        Map<String, Double> copyPerTask = new HashMap<>();
        for (String kind : shared.isEmpty() ? List.of("interpreters", "processes")
                : List.of("interpreters", "processes", "shared")) {
            TimedPoolMap<?> m = switch (kind) {
                case "interpreters" -> onInterpreters(mode, tasks);
                case "processes" -> onProcesses(mode, tasks);
                default -> onInterpretersShared(mode, shared);
            };
            String pool = kind.equals("shared") ? "2 interpreters, shared buffers" : "2 " + kind;
            Row row = m.row(name + ", " + pool, base);
            rows.add(row);
            bars.add(LessonChart.bar(name, pool, row.speedup()));
            figures.put(SPEEDUP.at(kind + "." + name), row.speedup())
                    .put(BYTES_PER_TASK.at(kind + "." + name), m.bytesPerTask())
                    .put(PARALLELISM.at(kind + "." + name), m.parallelism())
                    .put(SWITCHES.at(kind + "." + name), m.switches())
                    .put(START.at(kind + "." + name), m.startNanos() / 1e6);
            copyPerTask.put(kind, m.copyingShare() * m.wallNanos() / m.results().size());
            settings.progress().stepDone(row.label());
        }
        return copyPerTask;
    }

    /** {@code count} times the product in shared buffers: the same two matrices, a product buffer per task. */
    private static List<SharedTask.MatmulInto> sharedMatmuls(PoolTask.Matmul product, int count) {
        SharedBuffer a = SharedBuffer.copyOf(product.a());
        SharedBuffer b = SharedBuffer.copyOf(product.b());
        return IntStream.range(0, count).mapToObj(i -> new SharedTask.MatmulInto(a, b,
                SharedBuffer.ofLength(MATMUL_N * MATMUL_N), MATMUL_N)).toList();
    }

    private static double[] matrix(int seed) {
        return new SplittableRandom(seed).doubles((long) MATMUL_N * MATMUL_N, -1, 1).toArray();
    }

    /*
     * Measured:
     * <output>
     * $ ./gillab lesson 21      (2026-12-08; 2 cores, Intel(R) Xeon(R) Processor; load average 0.72 1.61 1.85 before)
     *
     * run                                     threads  wall ms  speedup  switches  forced drops  lock wait  CPU/wall  start ms  KiB/task  copying
     * --------------------------------------  -------  -------  -------  --------  ------------  ---------  --------  --------  --------  -------
     * countdown, 2 threads                          2   1209.9    1.00x       214           208        48%
     * countdown, 2 interpreters                     2    568.9    2.13x         0             0         0%      1.83     118.6       0.0       2%
     * countdown, 2 processes                        2    563.4    2.15x         0             0         0%      1.78     354.1       0.1       7%
     * matmul, 2 threads                             2    153.3    1.00x        10             1        48%
     * matmul, 2 interpreters                        2    124.1    1.23x         0             0         0%      1.33      93.4     600.0      32%
     * matmul, 2 processes                           2    220.1    0.70x         0             0         0%      0.61     359.0     600.1      64%
     * matmul, 2 interpreters, shared buffers        2     92.9    1.65x         0             0         0%      1.66      74.5       0.0      11%
     * => on the countdown, 2 interpreters ran at 2.13x the speed of 2 threads and 2 processes at 2.15x; the interpreter pool started 3.0x sooner than the process pool, and moving a matmul's matrices cost the processes 3.5x what it cost the interpreters; in shared buffers they did not move at all.
     *    expectations: 9 of 9 held
     * </output>
     * Interpreters and processes both run the countdown on two cores, their workers' locks never
     * switching; the interpreter pool starts in the time its workers take to compile their kernels,
     * the process pool also starts two JVMs. Both copy the matrices (the start ms, KiB/task and
     * copying columns); the processes also push them through pipes. In shared buffers
     * ({@code SharedTask.MatmulInto}) nothing crosses: 0 KiB a task, and what is left of the
     * copying column is the hand-over through the pool's queue. The countdown's speedups can pass
     * 2: the baseline's two threads, sharing one lock, run slower than one thread would.
     *
     * How to run: ./gillab lesson 21   (options: --mode for every lock involved, --quick).
     */
}
