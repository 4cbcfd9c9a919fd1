package dev.gillab.lesson.catalogue;

import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.experiment.WarmUp;
import dev.gillab.kernel.Kernels;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Verdict;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * <h2>Lesson 01: pure Java under the lock is no faster with more threads</h2>
 *
 * <p>The problem. The famous experiment: count down from a large number, once in one
 * thread, then split over two and four threads. In CPython the threaded version is no
 * faster, and used to be much slower: only the thread holding the interpreter lock may run
 * bytecode, so the threads take turns, one switch interval (5 ms) at a time.
 *
 * <p>The real-world analogue. The seeds' {@code single_threaded.py} against
 * {@code multi_threaded.py}: {@code def countdown(n): while n > 0: n -= 1}, run as
 * {@code countdown(N)} and as {@code Thread(target=countdown, args=(N // k,))} x k.
 *
 * <p>What runs here. {@link KernelsUnderLock#interpreted}: the pure-Java countdown polling
 * the lock at every iteration, as CPython's eval loop polls at every back edge, under the
 * {@code switch} lock. The same total work is split over 1, 2 and 4 threads.
 *
 * <p>What to observe. The speedup stays near 1x whatever the thread count; the switches
 * column counts the hand-offs (about one per switch interval of wall time); the lock-wait
 * column shows that with k threads each spends about (k-1)/k of its life waiting.
 *
 * <p>Expected: 2 and 4 threads at 0.85x to 1.05x of one thread (CPython 3.11 on the
 * reference machine: 0.96x).
 *
 * <h2>Measured</h2>
 * <pre>
 * $ ./gillab lesson 01      (2026-11-22; 2 cores, otherwise idle: load average 0.54)
 *
 * run        threads  wall ms  speedup  switches  forced drops  lock wait  CPU/wall
 * ---------  -------  -------  -------  --------  ------------  ---------  --------
 * 1 thread         1    563.3    1.00x         1             0         0%      1.00
 * 2 threads        2    617.7    0.91x       111           109        47%      0.98
 * 4 threads        4    615.6    0.92x        98            94        66%      0.98
 * =&gt; 4 threads ran the same countdown at 0.92x the speed of 1: the lock lets one thread run at a time.
 * </pre>
 * <p>The countdown took the same time however it was split: 2 and 4 threads at 0.91x and 0.92x
 * of one, inside the 0.85x to 1.05x band and close to CPython's 0.96x, with CPU time per wall
 * time at 1: one thread ran at a time, and the switch interval (5 ms) set the pace of about one
 * hand-off per 5.5 ms of wall time.
 *
 * <p>How to run: {@code ./gillab lesson 01} (options: {@code --threads 1,2,4 --mode ticks
 * --switch-interval 1000}).
 */
public final class Lesson01_PureJavaUnderTheLock implements Lesson {

    /** Total countdown iterations at scale 1: about half a second of interpreted Java. */
    static final long TOTAL_ITERATIONS = 400_000_000L;

    /**
     * Threads ran in parallel if CPU time per wall time grew by more than this factor over the
     * first row's (1 when serialised, up to the core count when not). CPU/wall rather than
     * wall-time speedup, because on a busy machine the wall time of each row swings with the
     * machine's load, while serialised threads never burn more than one CPU at a time.
     */
    static final double PARALLEL_GAIN = 1.4;

    private static final LessonInfo INFO = new LessonInfo(1, "Pure Java under the lock", Verdict.SHOWS,
            "pure Python threads: the countdown of single_threaded.py vs multi_threaded.py",
            "2 and 4 threads: 0.85x to 1.05x of 1 thread (CPython 3.11: 0.96x)",
            "CPU-bound interpreted threads take turns: more threads, no speedup");

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        long total = settings.scaled(TOTAL_ITERATIONS, 1_000_000);
        List<Row> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        warmUp(settings);
        Measurement baseline = null;
        Measurement telling = null;
        for (int threads : settings.threadsOr(List.of(1, 2, 4))) {
            Interpreter interpreter = settings.interpreter();
            Kernels kernels = KernelsUnderLock.interpreted(interpreter);
            long share = total / threads;
            Measurement m = ThreadedRun.run(interpreter, threads, "countdown", i -> kernels.countdown(share));
            if (baseline == null) {
                baseline = m;
            }
            if (telling == null || threads == 2) {
                telling = m;
            }
            Row row = Row.of(threads + (threads == 1 ? " thread" : " threads"), m, baseline.wallNanos())
                    .with("CPU/wall", String.format(Locale.ROOT, "%.2f", m.parallelism()));
            rows.add(row);
            metrics.put("speedup." + threads, row.speedup());
            metrics.put("parallelism." + threads, m.parallelism());
            settings.progress().stepDone(row.label());
        }
        Row last = rows.get(rows.size() - 1);
        double parallelismGain = metrics.get("parallelism." + last.threads()) / metrics.get("parallelism." + rows.get(0).threads());
        metrics.put("parallelism.gain", parallelismGain);
        String why = parallelismGain < PARALLEL_GAIN
                ? "the lock lets one thread run at a time."
                : "they ran in parallel: nothing serialised them (is the lock mode 'free'?).";
        String conclusion = String.format(Locale.ROOT, "%d threads ran the same countdown at %.2fx the speed of %d: %s",
                last.threads(), last.speedup(), rows.get(0).threads(), why);
        return new LessonResult(INFO, rows, conclusion, metrics, telling.trace());
    }

    /** Compiles the interpreted countdown, its contended path included, untimed. */
    private static void warmUp(LessonSettings settings) {
        WarmUp.onTwoThreads(settings::interpreterIn, List.of(settings.modeOr(LockMode.SWITCH)), interpreter -> {
            Kernels kernels = KernelsUnderLock.interpreted(interpreter);
            return () -> kernels.countdown(WarmUp.COUNTDOWN);
        });
    }
}
