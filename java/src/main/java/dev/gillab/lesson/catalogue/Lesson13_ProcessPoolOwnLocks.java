package dev.gillab.lesson.catalogue;

import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.WarmUp;
import dev.gillab.kernel.Kernels;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonChart;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Verdict;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.Trace;
import dev.gillab.stdlib.InterpreterThreadPool;
import dev.gillab.stdlib.PoolResult;
import dev.gillab.stdlib.PoolTask;
import dev.gillab.stdlib.ProcessPool;
import dev.gillab.stdlib.TimedMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * <h2>Lesson 13: a process pool runs pure Java in parallel, at the price of copying</h2>
 *
 * <p>The problem. Threads cannot run interpreted code in parallel under one interpreter lock
 * (lesson 01, lesson 12). Processes can: each has its own interpreter and its own lock. But
 * nothing is shared between processes, so every argument goes to the worker and every result
 * comes back as bytes through a pipe, and each worker is a whole runtime to start. Work with
 * small arguments and long computations wins; work that moves a lot of data for little
 * computation pays for the copying.
 *
 * <p>The real-world analogue. {@code multiprocessing.Pool} (and
 * {@code concurrent.futures.ProcessPoolExecutor}): {@code with Pool(2) as pool:
 * pool.map(work, chunks)}, where every argument and result is pickled through a pipe, and each
 * worker is a fresh interpreter started (spawned) before it can take work.
 *
 * <p>What runs here. The same tasks on a pool of 2 threads and on a pool of 2 processes:
 * <ul>
 *   <li>an {@link InterpreterThreadPool} attached to one interpreter under the {@code switch}
 *       lock (lesson 12), running the tasks on {@link KernelsUnderLock#interpreted} kernels;</li>
 *   <li>a {@link ProcessPool}: 2 worker JVMs ({@code java -cp <this class path>
 *       ProcessPoolWorker}), each with its own interpreter under its own {@code switch} lock,
 *       running the same interpreted kernels; tasks and results cross the pipes as frames of
 *       bytes ({@code PoolProtocol}, the analogue of pickle).</li>
 * </ul>
 * Two workloads: {@value #COUNTDOWN_TASKS} countdowns (8 bytes out, 8 back, a long computation
 * each), and {@value #MATMUL_TASKS} products of two {@value #MATMUL_N} x {@value #MATMUL_N}
 * matrices (two matrices out, one back: 600 KiB per task for a few milliseconds of
 * computation). Each pool is started afresh for each workload, and its start is timed apart
 * from its run. The processes' results are checked against the threads' results.
 *
 * <p>What to observe. The countdown on processes: speedup close to 2 and CPU/wall close to 2
 * (the workers' own CPU time), with no lock switches at all (each worker's lock has one
 * thread). The matmul: a smaller gain, and the share of each task's round trip that went to
 * copying ("copying" column: encoding, both pipes and decoding, i.e. everything but the
 * computation; a Linux pipe holds 64 KiB, so a big frame is a series of wake-ups). The start
 * column: a thread pool starts in milliseconds, a pool of worker JVMs in hundreds of them (each
 * JVM starts, then compiles its kernels before it says it is ready), paid before the first task
 * runs.
 *
 * <p>Expected: countdown on 2 processes 1.6x to 2.0x the speed of 2 threads on 2 cores;
 * matmul noticeably less, with copying a sizeable share of each round trip; start 0.2 s to
 * 1 s for 2 worker JVMs, JIT warm-up included. (In CPython a spawned worker is a fresh
 * interpreter with no JIT to warm up, but pickling Python objects, a list of floats rather
 * than a NumPy array, costs far more per value than the bulk copy of doubles here.)
 *
 * <h2>Measured</h2>
 * <pre>
 * ./gillab lesson 13   (2026-11-22; 2 vCPUs shared with other work, both found free by a probe just before)
 * run                      threads  wall ms  speedup  switches  forced drops  lock wait  CPU/wall  start ms  KiB/task  copying
 * -----------------------  -------  -------  -------  --------  ------------  ---------  --------  --------  --------  -------
 * countdown, 2 threads           2    699.3    1.00x       133           127        48%      0.99       5.7         0       0%
 * countdown, 2 processes         2    362.6    1.93x         0             0         0%      1.72     300.9       0.1       9%
 * matmul 160, 2 threads          2    147.8    1.00x         6             0        48%      0.96       1.8         0       0%
 * matmul 160, 2 processes        2    138.3    1.07x         0             0         0%      0.58     280.8     600.1      69%
 * </pre>
 *
 * <p>The countdown, 8 bytes each way, ran 1.93x faster on 2 processes than on 2 threads, the
 * workers' CPU time adding up to 1.72 cores, and not one switch of either worker's lock. The
 * matmul barely gained (1.07x): 69% of each task's round trip went to moving its 600 KiB, so
 * the workers computed only 0.58 of a core between them. Starting the two worker JVMs (and
 * compiling their kernels) took 301 ms, fifty times the thread pool's 6 ms, and nearly all of
 * the 337 ms that the processes saved on the countdown.
 *
 * <p>How to run: {@code ./gillab lesson 13} (options: {@code --threads 2} for the pool size,
 * {@code --mode} for every lock involved, {@code --quick}).
 */
public final class Lesson13_ProcessPoolOwnLocks implements Lesson {

    /** Countdown iterations at scale 1, over all countdown tasks: about a second of one core. */
    static final long COUNTDOWN_ITERATIONS = 400_000_000L;
    /** Countdown tasks per map. */
    static final int COUNTDOWN_TASKS = 8;
    /** The matrices' side: two of them out, one back, 24 n^2 bytes per task. */
    static final int MATMUL_N = 160;
    /** Matmul tasks per map at scale 1. */
    static final int MATMUL_TASKS = 48;

    /** A speedup above this means the processes ran in parallel. */
    static final double PARALLEL_SPEEDUP = 1.4;

    private static final LessonInfo INFO = new LessonInfo(13, "Process pool: own locks, copied data", Verdict.RIGHT,
            "multiprocessing.Pool: map over worker processes, arguments and results pickled through pipes",
            "countdown on 2 processes: 1.6x to 2.0x of 2 threads on 2 cores; matmul less (copying); start 0.2 s to 1 s",
            "worker processes run pure Java in parallel, but start slowly and copy every argument and result");

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        long perCountdown = settings.scaled(COUNTDOWN_ITERATIONS, COUNTDOWN_TASKS * 1_000_000L) / COUNTDOWN_TASKS;
        List<PoolTask.Countdown> countdowns = Collections.nCopies(COUNTDOWN_TASKS, new PoolTask.Countdown(perCountdown));
        PoolTask.Matmul product = new PoolTask.Matmul(randomMatrix(MATMUL_N, 1), randomMatrix(MATMUL_N, 2), MATMUL_N);
        List<PoolTask.Matmul> matmuls = Collections.nCopies((int) settings.scaled(MATMUL_TASKS, 4), product);
        warmUp(settings);

        Comparison comparison = new Comparison(settings);
        for (int workers : settings.threadsOr(List.of(2))) {
            comparison.compare("countdown", countdowns, workers);
            comparison.compare("matmul " + MATMUL_N, matmuls, workers);
        }
        return new LessonResult(INFO, comparison.rows, comparison.conclusion(), comparison.metrics, comparison.telling)
                .withChart(LessonChart.bars("a pool's time: start-up, copying, computing",
                        "milliseconds", comparison.bars));
    }

    /** Compiles the interpreted kernels of this JVM, untimed; each worker JVM compiles its own before it is ready. */
    private static void warmUp(LessonSettings settings) {
        PoolTask.Matmul small = new PoolTask.Matmul(randomMatrix(32, 1), randomMatrix(32, 2), 32);
        WarmUp.onTwoThreads(settings::interpreterIn, List.of(settings.modeOr(LockMode.SWITCH)), interpreter -> {
            Kernels interpreted = KernelsUnderLock.interpreted(interpreter);
            return () -> {
                interpreted.countdown(WarmUp.COUNTDOWN);
                small.run(interpreted);
            };
        });
    }

    private static double[] randomMatrix(int n, int seed) {
        return new SplittableRandom(seed).doubles((long) n * n, -1, 1).toArray();
    }

    /** The rows, metrics and trace of the lesson, one workload and pool size at a time. */
    private static final class Comparison {

        final LessonSettings settings;
        final List<Row> rows = new ArrayList<>();
        final Map<String, Double> metrics = new LinkedHashMap<>();
        final List<LessonChart.Point> bars = new ArrayList<>();
        Trace telling;
        boolean allSame = true;

        Comparison(LessonSettings settings) {
            this.settings = settings;
        }

        /** The tasks on a thread pool, then on a process pool, each started afresh. */
        <R> void compare(String workload, List<? extends PoolTask<R>> tasks, int workers) {
            String key = workload.split(" ")[0] + "." + workers;

            Interpreter interpreter = settings.interpreter();
            Kernels interpreted = KernelsUnderLock.interpreted(interpreter);
            long threadsStart;
            TimedMap<R> inProcess;
            long before = System.nanoTime();
            try (InterpreterThreadPool pool = new InterpreterThreadPool(interpreter, workers, "pool")) {
                threadsStart = System.nanoTime() - before;
                inProcess = TimedMap.run(pool, (PoolTask<R> task) -> task.run(interpreted), tasks);
            }
            Measurement threads = inProcess.measurement();
            if (telling == null) {
                telling = threads.trace();
            }
            Row threadsRow = Row.of(workload + ", " + workers + " threads", threads, threads.wallNanos())
                    .with("CPU/wall", String.format(Locale.ROOT, "%.2f", threads.parallelism()))
                    .with("start ms", String.format(Locale.ROOT, "%.1f", threadsStart / 1e6))
                    .with("KiB/task", "0")
                    .with("copying", "0%");
            rows.add(threadsRow);
            settings.progress().stepDone(threadsRow.label());

            long processesStart;
            long wall;
            List<PoolResult<R>> results;
            before = System.nanoTime();
            try (ProcessPool pool = ProcessPool.start(workers, interpreter.mode())) {
                processesStart = System.nanoTime() - before;
                long start = System.nanoTime();
                results = pool.map(tasks);
                wall = System.nanoTime() - start;
            }
            for (int i = 0; i < tasks.size(); i++) {
                allSame &= Objects.deepEquals(inProcess.results().get(i), results.get(i).value());
            }
            Row processesRow = processesRow(workload + ", " + workers + " processes", workers, results, wall,
                    threads.wallNanos(), processesStart);
            rows.add(processesRow);
            settings.progress().stepDone(processesRow.label());

            double copyingMillis = copyingShare(results) * wall / 1e6;
            addBars(threadsRow.label(), threadsStart / 1e6, 0, threads.wallNanos() / 1e6);
            addBars(processesRow.label(), processesStart / 1e6, copyingMillis, wall / 1e6 - copyingMillis);
            metrics.put("speedup." + key, processesRow.speedup());
            metrics.put("parallelism.threads." + key, threads.parallelism());
            metrics.put("parallelism.processes." + key, cpuNanos(results) / (double) wall);
            metrics.put("copying." + key, copyingShare(results));
            metrics.put("start.ms.threads." + key, threadsStart / 1e6);
            metrics.put("start.ms.processes." + key, processesStart / 1e6);
            metrics.put("switches.processes." + key, (double) processesRow.switches());
            metrics.put("results.same", allSame ? 1.0 : 0.0);
        }

        private void addBars(String category, double startMillis, double copyingMillis, double computingMillis) {
            bars.add(LessonChart.bar("starting the pool", category, startMillis));
            bars.add(LessonChart.bar("copying data (processes)", category, copyingMillis));
            bars.add(LessonChart.bar("computing", category, computingMillis));
        }

        /** A row for the process pool: its wall time, the workers' own CPU time and lock figures, the copying. */
        private static Row processesRow(String label, int workers, List<? extends PoolResult<?>> results, long wallNanos,
                                        long baselineWallNanos, long startNanos) {
            long switches = 0;
            long forcedDrops = 0;
            long lockWait = 0;
            long bytes = 0;
            for (PoolResult<?> r : results) {
                switches += r.switches();
                forcedDrops += r.forcedDrops();
                lockWait += r.lockWaitNanos();
                bytes += r.bytesSent() + r.bytesReceived();
            }
            return new Row(label, workers, wallNanos / 1e6, (double) baselineWallNanos / wallNanos, switches, forcedDrops,
                    lockWait / ((double) workers * wallNanos), Map.of())
                    .with("CPU/wall", String.format(Locale.ROOT, "%.2f", cpuNanos(results) / (double) wallNanos))
                    .with("start ms", String.format(Locale.ROOT, "%.1f", startNanos / 1e6))
                    .with("KiB/task", String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / results.size()))
                    .with("copying", String.format(Locale.ROOT, "%.0f%%", 100 * copyingShare(results)));
        }

        private static long cpuNanos(List<? extends PoolResult<?>> results) {
            return results.stream().mapToLong(PoolResult::cpuNanos).sum();
        }

        /** The share of the tasks' round trips not spent computing: encoding, pipes, decoding. */
        private static double copyingShare(List<? extends PoolResult<?>> results) {
            long overhead = results.stream().mapToLong(PoolResult::overheadNanos).sum();
            long roundTrips = results.stream().mapToLong(PoolResult::roundTripNanos).sum();
            return (double) overhead / roundTrips;
        }

        String conclusion() {
            if (!allSame) {
                return "the processes computed different results from the threads: a bug in the pool's protocol.";
            }
            Row countdown = rows.get(rows.size() - 3);
            Row matmul = rows.get(rows.size() - 1);
            String why = countdown.speedup() >= PARALLEL_SPEEDUP
                    ? "each worker has a lock of its own."
                    : "they did not run in parallel: one core, or a busy machine?";
            return String.format(Locale.ROOT, "%d processes ran the countdown at %.2fx the speed of %d threads, the matmul "
                            + "at %.2fx with %s of each round trip spent copying; starting the worker JVMs took %s ms "
                            + "(threads: %s ms): %s", countdown.threads(), countdown.speedup(), countdown.threads(),
                    matmul.speedup(), matmul.extra().get("copying"), countdown.extra().get("start ms"),
                    rows.get(rows.size() - 4).extra().get("start ms"), why);
        }
    }
}
