package dev.gillab.lesson.catalogue;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.WarmUp;
import dev.gillab.kernel.Kernels;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Verdict;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.Trace;
import dev.gillab.stdlib.InterpreterThreadPool;
import dev.gillab.stdlib.TimedMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * <h2>Lesson 12: a thread pool speeds up released native tasks, not locked Java ones</h2>
 *
 * <p>The problem. A thread pool is the everyday way to run work on several threads: hand it a
 * function and a list, get the results back. Whether the pool's threads run at the same time is
 * not up to the pool but up to the interpreter lock: tasks that hold it take turns however many
 * workers there are; tasks that release it around native work really run in parallel.
 *
 * <p>The real-world analogue. {@code multiprocessing.pool.ThreadPool}:
 * {@code ThreadPool(4).map(work, chunks)} and {@code apply_async}, with {@code work} either pure
 * Python or a call into a C extension that releases the GIL ({@code hashlib}, NumPy, a ctypes
 * {@code CDLL} function).
 *
 * <p>What runs here. An {@link InterpreterThreadPool} of 1, 2 and 4 workers attached to one
 * interpreter under the {@code switch} lock maps a countdown over {@value #TASKS} equal chunks
 * of the same total, twice: as locked Java tasks ({@link KernelsUnderLock#interpreted}: they
 * hold the lock and poll it), and as released native tasks (the binding's countdown, default
 * {@code ffm}, called inside {@link Interpreter#callReleased}, which is what
 * {@link dev.gillab.lock.ReleasingKernels} does around every call). Each speedup is against
 * the same kind of task on 1 worker. The JIT and the native library are warmed up first,
 * untimed.
 *
 * <p>What to observe. Locked Java: speedup about 1x and CPU/wall about 1 at every pool size,
 * the switches column counting the hand-offs. Released native: speedup close to the number of
 * cores, CPU/wall likewise, almost no lock wait, and the overlap column (the most tasks that
 * were inside the native call at the same moment) equal to the pool size.
 *
 * <p>Expected: locked Java 0.9x to 1.05x at 2 and 4 workers; released native 1.7x to 2.0x at
 * 2 workers on 2 cores, no better at 4.
 *
 * <h2>Measured</h2>
 * <pre>
 * ./gillab lesson 12   (2026-11-22; 2 vCPUs shared with other work, both found free by a probe just before)
 * run                               threads  wall ms  speedup  switches  forced drops  lock wait  CPU/wall  overlap
 * --------------------------------  -------  -------  -------  --------  ------------  ---------  --------  -------
 * locked Java, 1 worker                   1    531.5    1.00x         0             0         0%      0.99
 * locked Java, 2 workers                  2    581.1    0.91x       117           109        50%      0.99
 * locked Java, 4 workers                  4    587.1    0.91x        95            88        67%      1.00
 * released native (ffm), 1 worker         1    334.3    1.00x         0             0         0%      0.99        1
 * released native (ffm), 2 workers        2    189.2    1.77x        10             0         0%      1.74        2
 * released native (ffm), 4 workers        4    171.8    1.95x        11             0         2%      1.94        4
 * </pre>
 *
 * <p>Locked Java took the same time on 1, 2 and 4 workers (0.91x: the hand-overs cost a little),
 * with CPU/wall at 1.0 and the extra workers waiting for the lock half and two thirds of their
 * time. Released native tasks ran 1.77x faster on 2 workers and 1.95x on 4 (the 2 cores were the
 * limit, not the pool), CPU/wall following, with no lock wait to speak of: each worker held the
 * lock only to start and finish a task, and every worker was inside the native call at once.
 *
 * <p>How to run: {@code ./gillab lesson 12} (options: {@code --threads 1,2,4} for the pool
 * sizes, {@code --binding jna}, {@code --mode}, {@code --switch-interval}, {@code --quick}).
 * See lesson 13 for the pool that runs pure Java in parallel: processes.
 */
public final class Lesson12_ThreadPoolLockedVsReleased implements Lesson {

    /** Countdown iterations at scale 1, over all tasks: about 0.8 s of one core per kind. */
    static final long TOTAL_ITERATIONS = 300_000_000L;

    /** Chunks per map: divisible by 1, 2 and 4, so that every worker gets the same share. */
    static final int TASKS = 8;

    /** A speedup above this means the tasks ran in parallel (1.0 is fully serial). */
    static final double PARALLEL_SPEEDUP = 1.4;

    private static final LessonInfo INFO = new LessonInfo(12, "Thread pool: locked vs released tasks", Verdict.SHOWS,
            "multiprocessing.pool.ThreadPool: map / apply_async of pure Python vs a GIL-releasing C extension",
            "locked Java: 0.9x to 1.05x at 2 and 4 workers; released native: 1.7x to 2.0x at 2 workers on 2 cores",
            "a thread pool runs released native tasks in parallel and locked Java tasks one at a time");

    /** The two kinds of task, and the label and metric name of each. */
    private enum Kind {
        LOCKED("locked Java", "locked"),
        RELEASED("released native", "released");

        final String label;
        final String metric;

        Kind(String label, String metric) {
            this.label = label;
            this.metric = metric;
        }
    }

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        Binding binding = settings.bindingOr(Binding.FFM);
        Kernels nativeKernels = binding.kernels();
        long perTask = settings.scaled(TOTAL_ITERATIONS, TASKS * 1_000_000L) / TASKS;
        List<Long> chunks = Collections.nCopies(TASKS, perTask);
        warmUp(settings, nativeKernels);

        List<Row> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        Trace telling = null;
        for (Kind kind : Kind.values()) {
            Measurement baseline = null;
            for (int workers : settings.threadsOr(List.of(1, 2, 4))) {
                Interpreter interpreter = settings.interpreter();
                Overlap overlap = new Overlap();
                Function<Long, Long> task = switch (kind) {
                    case LOCKED -> KernelsUnderLock.interpreted(interpreter)::countdown;
                    case RELEASED -> n -> interpreter.callReleased(() -> overlap.during(() -> nativeKernels.countdown(n)));
                };
                Measurement m;
                try (InterpreterThreadPool pool = new InterpreterThreadPool(interpreter, workers, "pool")) {
                    m = TimedMap.run(pool, task, chunks).measurement();
                }
                if (baseline == null) {
                    baseline = m;
                }
                if (telling == null || kind == Kind.LOCKED && workers == 2) {
                    telling = m.trace();
                }
                String label = kind == Kind.RELEASED ? kind.label + " (" + binding.id() + ")" : kind.label;
                Row row = Row.of(label + ", " + workers(workers), m, baseline.wallNanos())
                        .with("CPU/wall", String.format(Locale.ROOT, "%.2f", m.parallelism()))
                        .with("overlap", kind == Kind.RELEASED ? Integer.toString(overlap.max()) : "");
                rows.add(row);
                metrics.put("speedup." + kind.metric + "." + workers, row.speedup());
                metrics.put("parallelism." + kind.metric + "." + workers, m.parallelism());
                if (kind == Kind.RELEASED) {
                    metrics.put("overlap.released." + workers, (double) overlap.max());
                }
                settings.progress().stepDone(row.label());
            }
        }
        return new LessonResult(INFO, rows, conclusion(rows), metrics, telling);
    }

    /** Compiles the Java countdown and the released native call, untimed. */
    private static void warmUp(LessonSettings settings, Kernels nativeKernels) {
        WarmUp.onTwoThreads(settings::interpreterIn, List.of(settings.modeOr(LockMode.SWITCH)), interpreter -> {
            Kernels interpreted = KernelsUnderLock.interpreted(interpreter);
            return () -> {
                interpreted.countdown(WarmUp.COUNTDOWN);
                interpreter.callReleased(() -> nativeKernels.countdown(WarmUp.COUNTDOWN));
            };
        });
    }

    private static String conclusion(List<Row> rows) {
        int half = rows.size() / 2;
        Row locked = rows.get(half - 1);
        Row released = rows.get(rows.size() - 1);
        boolean lockedSerial = locked.speedup() < PARALLEL_SPEEDUP;
        boolean releasedParallel = released.speedup() >= PARALLEL_SPEEDUP;
        String why;
        if (lockedSerial && releasedParallel) {
            why = "only work that releases the lock runs in parallel on a thread pool.";
        } else if (lockedSerial) {
            why = "neither ran in parallel: one core, or a busy machine?";
        } else if (releasedParallel) {
            why = "both ran in parallel: nothing serialised the locked tasks (is the lock mode 'free'?).";
        } else {
            why = "the locked tasks gained more than the released ones: a noisy run?";
        }
        return String.format(Locale.ROOT, "with %s, locked Java tasks ran at %.2fx the speed of %s, "
                        + "released native tasks at %.2fx: %s", workers(locked.threads()), locked.speedup(),
                workers(rows.get(0).threads()), released.speedup(), why);
    }

    private static String workers(int n) {
        return n + (n == 1 ? " worker" : " workers");
    }

    /** How many tasks are inside the native call at once, and the most there ever were. */
    private static final class Overlap {

        private final AtomicInteger inside = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();

        long during(LongSupplier call) {
            max.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                return call.getAsLong();
            } finally {
                inside.decrementAndGet();
            }
        }

        int max() {
            return max.get();
        }
    }
}
