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
import dev.gillab.lock.LockStats;
import dev.gillab.lock.Trace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * <h2>Lesson 17: the old lock on two cores, the "GIL battle"</h2>
 *
 * <p>The problem. Until CPython 3.1 the interpreter lock was a plain lock plus a tick counter:
 * every 100 ticks the running thread released the lock and immediately took it back, trusting
 * the operating system to hand it to a waiting thread in between. On one core that works. On two
 * it does not: the release wakes the waiter, but the releaser is still running on its own core
 * and takes the lock back before the waiter has even been scheduled; the waiter wakes up, finds
 * the lock taken, and goes back to sleep. Thousands of releases, few hand-offs, a storm of
 * useless wake-ups, and waits with very long tails. David Beazley measured it in 2009: two
 * threads counting down took 1.8 times longer than doing both countdowns one after the other.
 * The "new GIL" of 3.2 (the {@code switch} mode here) was the fix: waiters ask for the lock after
 * one switch interval, and the holder, once asked, waits until another thread has it.
 *
 * <p>The real-world analogue. CPython 2.7 / 3.1 running Beazley's {@code count(100_000_000)}
 * in two {@code threading.Thread}s on a dual-core machine ({@code sys.setcheckinterval(100)}),
 * against CPython 3.2+ ({@code sys.setswitchinterval(0.005)}).
 *
 * <p>What runs here. The interpreted countdown ({@link KernelsUnderLock#interpreted}, one tick
 * per iteration), the same total work on 1 thread and split over 2, under the {@code ticks}
 * lock (check interval {@value dev.gillab.lock.InterpreterConfig#DEFAULT_CHECK_INTERVAL}) and
 * under the {@code switch} lock (5 ms). Each mode's 2-thread run is compared with its own
 * 1-thread run, Beazley's "sequential".
 *
 * <p>What to observe, in the lock's statistics. Releases: with {@code ticks}, one per 100 ticks,
 * a great many; with {@code switch}, about one per interval. Switches against releases: under
 * {@code ticks} most releases are re-won by the releaser ("re-won" column: releases that did
 * not hand the lock over), while under {@code switch} nearly every forced drop is a switch.
 * Futile wake-ups: waiters woken by a release who found the lock taken again. Wait times: the
 * median wait is tiny under {@code ticks} (most acquisitions are the releaser's own
 * re-takes), but the tail is long: the waiter's wait for a release it actually wins. And the
 * wall time of the 2-thread {@code ticks} run against its sequential run.
 *
 * <p>A difference of scale from CPython 2: a tick here is one countdown iteration, about a
 * nanosecond, where a CPython tick was a bytecode of some tens of nanoseconds, so the releases
 * here come many times more often, and each costs relatively more.
 *
 * <p>Expected: ticks, 2 threads: far more releases than switches (most re-won), futile
 * wake-ups in the thousands, and slower than sequential (Beazley: 1.8x slower); switch, 2
 * threads: switches about equal to forced drops, no futile wake-ups to speak of, and about the
 * speed of sequential.
 *
 * <h2>Measured</h2>
 * <pre>
 * ./gillab lesson 17   (2026-11-22; 2 vCPUs shared with other work, both found free by a probe just before)
 * run                threads  wall ms  speedup  switches  forced drops  lock wait  releases  re-won  futile wake-ups  wait p50 us  p99 us  max us  CPU/wall
 * -----------------  -------  -------  -------  --------  ------------  ---------  --------  ------  ---------------  -----------  ------  ------  --------
 * switch, 1 thread         1    233.5    1.00x         1             0         0%         1    0.0%                0           48      48      48      1.00
 * switch, 2 threads        2    223.7    1.04x        36            34        42%        36    0.0%                0         5214    7959    7959      0.99
 * ticks, 1 thread          1    307.3    1.00x         1       1000000        14%   1000001  100.0%                0            0       0      39      1.00
 * ticks, 2 threads         2    459.7    0.67x      4089       1000000        50%   1000002   99.6%            62584            0       0    9429      1.29
 * </pre>
 *
 * <p>The old lock released 1,000,002 times in the 2-thread run, and 99.6% of those releases were
 * re-won by the releaser: 4,089 switches. The waiting thread woke 62,584 times to find the lock
 * taken again, its longest wait 9.4 ms while the median acquisition waited nothing (the
 * releaser's own re-takes). The two threads took 1.50x the time of one doing all the work
 * (Beazley: 1.8x); under the {@code switch} lock they took 0.96x, with one switch per forced
 * drop. (The old lock alone costs 1.32x the new one here: a million releases and re-takes.)
 *
 * <p>How to run: {@code ./gillab lesson 17} (options: {@code --threads 1,2},
 * {@code --switch-interval} for the {@code switch} side, {@code --quick}; {@code --mode} does
 * not apply: the lesson compares two modes).
 */
public final class Lesson17_OldLockBattleOnTwoCores implements Lesson {

    /** Countdown iterations at scale 1, over all threads of a run. */
    static final long TOTAL_ITERATIONS = 100_000_000L;

    private static final LessonInfo INFO = new LessonInfo(17, "The old lock on two cores: the GIL battle",
            Verdict.SHOWS,
            "CPython <= 3.1 (sys.setcheckinterval(100)) vs 3.2+ (sys.setswitchinterval): Beazley's two counting threads",
            "ticks, 2 threads: most releases re-won, many futile wake-ups, slower than sequential (Beazley: 1.8x slower)",
            "the old tick-based lock on two cores: releases re-won, futile wake-ups, long waits");

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        long total = settings.scaled(TOTAL_ITERATIONS, 2_000_000);
        List<Integer> threadCounts = settings.threadsOr(List.of(1, 2));
        warmUp(settings);
        List<Row> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        Trace telling = null;
        for (LockMode mode : List.of(LockMode.SWITCH, LockMode.TICKS)) {
            Measurement sequential = null;
            for (int threads : threadCounts) {
                Interpreter interpreter = settings.withMode(mode).interpreter();
                Kernels kernels = KernelsUnderLock.interpreted(interpreter);
                long share = total / threads;
                Measurement m = ThreadedRun.run(interpreter, threads, mode.id(), i -> kernels.countdown(share));
                if (sequential == null) {
                    sequential = m;
                }
                if (telling == null || mode == LockMode.TICKS && threads > 1) {
                    telling = m.trace();
                }
                LockStats.Counts c = m.stats().total();
                LockStats.WaitTimes w = m.stats().waits();
                long reWon = Math.max(0, c.releases() - c.switches());
                Row row = Row.of(mode.id() + ", " + threads(threads), m, sequential.wallNanos())
                        .with("releases", Long.toString(c.releases()))
                        .with("re-won", String.format(Locale.ROOT, "%.1f%%", percent(reWon, c.releases())))
                        .with("futile wake-ups", Long.toString(c.futileWakeups()))
                        .with("wait p50 us", micros(w.p50Nanos()))
                        .with("p99 us", micros(w.p99Nanos()))
                        .with("max us", micros(w.maxNanos()))
                        .with("CPU/wall", String.format(Locale.ROOT, "%.2f", m.parallelism()));
                rows.add(row);
                String key = mode.id() + "." + threads;
                metrics.put("speedup." + key, row.speedup());
                metrics.put("wallMs." + key, m.wallNanos() / 1e6);
                metrics.put("releases." + key, (double) c.releases());
                metrics.put("forcedDrops." + key, (double) c.forcedDrops());
                metrics.put("switches." + key, (double) c.switches());
                metrics.put("futileWakeups." + key, (double) c.futileWakeups());
                metrics.put("waitP99Us." + key, w.p99Nanos() / 1e3);
                metrics.put("waitMaxUs." + key, w.maxNanos() / 1e3);
                settings.progress().stepDone(row.label());
            }
        }
        return new LessonResult(INFO, rows, conclusion(metrics, threadCounts), metrics, telling);
    }

    /** Compiles the countdown under both locks, untimed. */
    private static void warmUp(LessonSettings settings) {
        WarmUp.onTwoThreads(settings::interpreterIn, List.of(LockMode.SWITCH, LockMode.TICKS), interpreter -> {
            Kernels kernels = KernelsUnderLock.interpreted(interpreter);
            return () -> kernels.countdown(WarmUp.COUNTDOWN);
        });
    }

    private static String threads(int n) {
        return n + (n == 1 ? " thread" : " threads");
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.0f", nanos / 1e3);
    }

    private static String conclusion(Map<String, Double> metrics, List<Integer> threadCounts) {
        int most = threadCounts.get(threadCounts.size() - 1);
        String ticks = "ticks." + most;
        String sw = "switch." + most;
        double releases = metrics.get("releases." + ticks);
        double switches = metrics.get("switches." + ticks);
        double futile = metrics.get("futileWakeups." + ticks);
        String battle;
        if (most == 1) {
            battle = "one thread: nobody to battle with";
        } else if (switches < releases / 2 && futile > switches) {
            battle = "the releaser re-won the lock almost every time, and the waiter woke up for nothing more often "
                    + "than it got the lock: the GIL battle";
        } else if (switches < releases / 2) {
            battle = "the releaser re-won the lock almost every time, but the waiter hardly ever woke up: "
                    + "one core, or a busy machine?";
        } else {
            battle = "the lock changed hands at most releases: no battle (is the lock mode really 'ticks'?)";
        }
        return String.format(Locale.ROOT, "under ticks, %d threads released the lock %.0f times for %.0f switches "
                        + "(%.0f futile wake-ups, longest wait %.0f us) and took %.2fx the time of %s; under "
                        + "switch, %.0f releases, %.0f switches, %.2fx: %s.", most, releases, switches, futile,
                metrics.get("waitMaxUs." + ticks), 1 / metrics.get("speedup." + ticks), threads(threadCounts.get(0)),
                metrics.get("releases." + sw),
                metrics.get("switches." + sw), 1 / metrics.get("speedup." + sw), battle);
    }
}
