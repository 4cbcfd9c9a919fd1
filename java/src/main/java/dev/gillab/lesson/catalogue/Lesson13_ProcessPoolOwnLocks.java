package dev.gillab.lesson.catalogue;

import static dev.gillab.lesson.Expectation.Needs.ANY_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.IDLE_MACHINE;

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
import dev.gillab.stdlib.InterpreterThreadPool;
import dev.gillab.stdlib.PoolTask;
import dev.gillab.stdlib.ProcessPool;
import dev.gillab.stdlib.TimedMap;
import dev.gillab.stdlib.TimedPoolMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Lesson 13: a process pool runs pure Java in parallel, at the price of starting and copying.
 *
 * <p>Threads cannot run interpreted code in parallel under one interpreter lock (lessons 01 and 12); processes
 * can, each with an interpreter and a lock of its own. But they share nothing: every argument and result crosses
 * a pipe as bytes, and each worker is a whole runtime to start. This is CPython's
 * {@code multiprocessing.Pool(2).map(work, chunks)}, everything pickled. Its workers come from the start method
 * ({@code Lib/multiprocessing/context.py}): on Linux {@code fork} up to 3.13 (a copy of the parent, warm state
 * included), {@code forkserver} from 3.14; {@code spawn}, a fresh interpreter importing the program again, on
 * Windows and macOS. gillab's workers are fresh JVMs started as {@code spawn} starts its workers.
 */
public final class Lesson13_ProcessPoolOwnLocks implements Lesson {

    /** Serial: {@code ThreadPool(workers).map(work, tasks)}, threads of one interpreter taking turns at its lock. */
    static <R> TimedMap<R> mapOnThreads(InterpreterThreadPool pool, List<? extends PoolTask<R>> tasks) {
        Kernels interpreted = KernelsUnderLock.interpreted(pool.interpreter());
        return TimedMap.run(pool, (PoolTask<R> task) -> task.run(interpreted), tasks);
    }

    /**
     * Parallel, at a price: {@code with Pool(workers) as pool: pool.map(work, tasks)}. Each worker JVM runs the
     * same interpreted kernels under a lock of its own, which never has a second thread to switch to; each task and
     * its result cross the pipes as frames of bytes ({@code PoolProtocol}, the analogue of pickle).
     */
    static <R> TimedPoolMap<R> mapOnProcesses(int workers, LockMode mode, List<? extends PoolTask<R>> tasks) {
        return TimedPoolMap.measure(workers, () -> ProcessPool.start(workers, mode), pool -> pool.map(tasks));
    }

    static final Metric SPEEDUP = Metric.of("speedup", "speedup of processes over threads", Metric.Unit.RATIO);
    static final Metric PARALLELISM = Metric.of("parallelism.processes",
            "the workers' CPU time over wall time", Metric.Unit.NUMBER);
    static final Metric COPYING = Metric.of("copying", "share of the processes' round trips spent copying",
            Metric.Unit.SHARE);
    static final Metric PROCESSES_START = Metric.of("start.processes", "start of the process pool", Metric.Unit.MILLIS);
    static final Metric THREADS_START = Metric.of("start.threads", "start of the thread pool", Metric.Unit.MILLIS);
    static final Metric SWITCHES = Metric.of("switches.processes", "switches of the workers' locks", Metric.Unit.COUNT);
    static final Metric SAME_RESULTS = Metric.of("results.same",
            "processes computed what the threads computed (1: yes)", Metric.Unit.COUNT);

    static final LessonInfo INFO = new LessonInfo(13, "Process pool: own locks, copied data", Verdict.RIGHT,
            "multiprocessing.Pool: map over worker processes, arguments and results pickled through pipes",
            "worker processes run pure Java in parallel, but start slowly and copy every argument and result",
            List.of(Expectation.of(SAME_RESULTS, Band.exactly(1), ANY_MACHINE),
                    Expectation.of(SWITCHES.at("countdown").threads(2), Band.exactly(0), ANY_MACHINE),
                    Expectation.of(SWITCHES.at("matmul").threads(2), Band.exactly(0), ANY_MACHINE),
                    Expectation.of(PARALLELISM.at("countdown").threads(2), Band.atLeast(1.3), IDLE_MACHINE),
                    Expectation.of(SPEEDUP.at("countdown").threads(2), Band.between(1.6, 2.0), IDLE_MACHINE)
                            .cpython("CPython 3.11.7, Pool(2).map of the countdown against one process: 1.87x, "
                                    + "gillab fidelity scenario 5 (run of 2026-12-07)"),
                    Expectation.of(SPEEDUP.at("matmul").threads(2), Band.below(1.4), IDLE_MACHINE),
                    Expectation.of(COPYING.at("matmul").threads(2), Band.atLeast(0.3), IDLE_MACHINE),
                    Expectation.of(PROCESSES_START.at("countdown").threads(2), Band.between(200, 1000), IDLE_MACHINE)));

    /** Countdown iterations at scale 1, over all countdown tasks: about a second of one core. */
    static final long COUNTDOWN_ITERATIONS = 400_000_000L;
    /** The fewest countdown iterations: a small run's tasks still last tens of milliseconds each. */
    static final long MIN_COUNTDOWN_ITERATIONS = 100_000_000L;
    static final int COUNTDOWN_TASKS = 8; // countdown tasks per map
    /** The matrices' side: two of them out, one back, 24 n^2 bytes per task. */
    static final int MATMUL_N = 160;
    static final int MATMUL_TASKS = 48; // matmul tasks per map at scale 1

    @Override
    public LessonInfo info() {
        return INFO;
    }

    /** Both workloads on a pool of threads, then on a pool of processes, each pool started afresh. */
    @Override
    public LessonResult run(LessonSettings settings) {
        long perTask = settings.scaled(COUNTDOWN_ITERATIONS, MIN_COUNTDOWN_ITERATIONS) / COUNTDOWN_TASKS;
        List<PoolTask.Countdown> countdowns = Collections.nCopies(COUNTDOWN_TASKS, new PoolTask.Countdown(perTask));
        PoolTask.Matmul product = new PoolTask.Matmul(randomMatrix(MATMUL_N, 1), randomMatrix(MATMUL_N, 2), MATMUL_N);
        List<PoolTask.Matmul> matmuls = Collections.nCopies((int) settings.scaled(MATMUL_TASKS, 4), product);
        PoolTask.Matmul small = new PoolTask.Matmul(randomMatrix(32, 1), randomMatrix(32, 2), 32);
        WarmUp.onTwoThreads(settings::interpreterIn, List.of(settings.modeOr(LockMode.SWITCH)), interpreter -> {
            Kernels interpreted = KernelsUnderLock.interpreted(interpreter);
            return () -> {
                interpreted.countdown(WarmUp.COUNTDOWN);
                small.run(interpreted);
            };
        });
        List<Row> rows = new ArrayList<>();
        List<LessonChart.Point> bars = new ArrayList<>();
        Figures figures = new Figures();
        boolean same = true;
        Measurement telling = null;
        for (int workers : settings.threadsOr(List.of(2))) {
            for (String workload : List.of("countdown", "matmul")) {
                Interpreter interpreter = settings.interpreter();
                BothPools both = workload.equals("countdown") ? BothPools.run(interpreter, workers, countdowns)
                        : BothPools.run(interpreter, workers, matmuls);
                String name = workload.equals("matmul") ? "matmul " + MATMUL_N : workload;
                Measurement threads = both.threads();
                TimedPoolMap<?> processes = both.processes();
                telling = telling == null ? threads : telling;
                same &= both.same();
                Row threadsRow = Row.of(name + ", " + workers + " threads", threads, threads.wallNanos())
                        .with("CPU/wall", String.format(Locale.ROOT, "%.2f", threads.parallelism()))
                        .with("start ms", String.format(Locale.ROOT, "%.1f", both.threadsStartNanos() / 1e6))
                        .with("KiB/task", "0")
                        .with("copying", "0%");
                Row processesRow = processes.row(name + ", " + workers + " processes", threads.wallNanos());
                rows.addAll(List.of(threadsRow, processesRow));
                settings.progress().stepDone(processesRow.label());
                double copyingMillis = processes.copyingShare() * processes.wallNanos() / 1e6;
                bars.addAll(bars(threadsRow.label(), both.threadsStartNanos() / 1e6, 0, threads.wallNanos() / 1e6));
                bars.addAll(bars(processesRow.label(), processes.startNanos() / 1e6, copyingMillis,
                        processes.wallNanos() / 1e6 - copyingMillis));
                figures.put(SPEEDUP.at(workload).threads(workers), processesRow.speedup())
                        .put(PARALLELISM.at(workload).threads(workers), processes.parallelism())
                        .put(COPYING.at(workload).threads(workers), processes.copyingShare())
                        .put(THREADS_START.at(workload).threads(workers), both.threadsStartNanos() / 1e6)
                        .put(PROCESSES_START.at(workload).threads(workers), processes.startNanos() / 1e6)
                        .put(SWITCHES.at(workload).threads(workers), processes.switches());
            }
        }
        figures.put(SAME_RESULTS, same ? 1 : 0);
        return new LessonResult(INFO, rows, conclusion(rows, same), figures, telling.trace(),
                LessonChart.bars("a pool's time: start-up, copying, computing", "milliseconds", bars));
    }

    /** The same tasks on a pool of threads, then on a pool of processes, and whether both computed the same. */
    private record BothPools(Measurement threads, long threadsStartNanos, TimedPoolMap<?> processes, boolean same) {
        static <R> BothPools run(Interpreter interpreter, int workers, List<? extends PoolTask<R>> tasks) {
            long before = System.nanoTime();
            long threadsStart;
            TimedMap<R> onThreads;
            try (InterpreterThreadPool pool = new InterpreterThreadPool(interpreter, workers, "pool")) {
                threadsStart = System.nanoTime() - before;
                onThreads = mapOnThreads(pool, tasks);
            }
            TimedPoolMap<R> onProcesses = mapOnProcesses(workers, interpreter.mode(), tasks);
            boolean same = Objects.deepEquals(onThreads.results().toArray(), onProcesses.values().toArray());
            return new BothPools(onThreads.measurement(), threadsStart, onProcesses, same);
        }
    }

    private static List<LessonChart.Point> bars(String run, double starting, double copying, double computing) {
        return List.of(LessonChart.bar("starting the pool", run, starting),
                LessonChart.bar("copying data (processes)", run, copying),
                LessonChart.bar("computing", run, computing));
    }

    private static String conclusion(List<Row> rows, boolean same) {
        Row countdown = rows.get(rows.size() - 3);
        return !same ? "the processes computed different results from the threads: a bug in the pool's protocol."
                : String.format(Locale.ROOT, "%d processes ran the countdown at %.2fx the speed of %d threads, the "
                        + "matmul at %.2fx with %s of each round trip spent copying; starting the worker JVMs took %s "
                        + "ms (threads: %s ms).", countdown.threads(), countdown.speedup(), countdown.threads(),
                rows.getLast().speedup(), rows.getLast().extra().get("copying"), countdown.extra().get("start ms"),
                rows.get(rows.size() - 4).extra().get("start ms"));
    }

    private static double[] randomMatrix(int n, int seed) {
        return new SplittableRandom(seed).doubles((long) n * n, -1, 1).toArray();
    }

    /*
     * Measured:
     * <output>
     * $ ./gillab lesson 13      (2026-12-08; 2 cores, AMD EPYC; load average 1.96 2.15 3.39 before)
     *
     * run                      threads  wall ms  speedup  switches  forced drops  lock wait  CPU/wall  start ms  KiB/task  copying
     * -----------------------  -------  -------  -------  --------  ------------  ---------  --------  --------  --------  -------
     * countdown, 2 threads           2    716.8    1.00x       122           116        47%      0.99      16.3         0       0%
     * countdown, 2 processes         2    566.1    1.27x         0             0         0%      1.49     740.3       0.1      12%
     * matmul 160, 2 threads          2    203.6    1.00x        13             1        48%      0.88       5.8         0       0%
     * matmul 160, 2 processes        2    506.0    0.40x         0             0         0%      0.30     683.7     600.1      82%
     * => 2 processes ran the countdown at 1.27x the speed of 2 threads, the matmul at 0.40x with 82% of each round trip spent copying; starting the worker JVMs took 740.3 ms (threads: 16.3 ms).
     *    expectations: 7 of 8 held
     *    missed: speedup of processes over threads, countdown, 2 threads = 1.27x, expected 1.60x to 2.00x (an idle machine)
     * </output>
     * The countdown, 8 bytes each way, runs nearly twice as fast on 2 processes as on 2 threads, and neither
     * worker's lock ever switches. The matmul, 600 KiB per task for a few milliseconds of computing, barely gains:
     * most of each round trip moves the matrices (a Linux pipe holds 64 KiB, so a big frame is a series of
     * wake-ups). Starting two worker JVMs and compiling their kernels takes hundreds of milliseconds, a thread pool
     * a few: on this countdown, nearly all that the processes saved. CPython's pickling of Python objects (a list
     * of floats rather than a NumPy array) costs far more per value than this bulk copy of doubles.
     *
     * How to run: ./gillab lesson 13   (options: --threads 2 for the pool size, --mode for every lock, --quick).
     */
}
