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
import dev.gillab.lock.Trace;
import dev.gillab.stdlib.SharedCounter;
import dev.gillab.stdlib.ThreadingLock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * <h2>Lesson 15: without the interpreter lock, pure Java scales, and shared state needs real locks</h2>
 *
 * <p>The problem. Free-threaded CPython (PEP 703) removes the interpreter lock: pure Python
 * threads finally run in parallel. But the lock was doing a second job nobody had to think
 * about: it serialised every bytecode, so that {@code counter += 1}, a load, an add and a store
 * with no eval-breaker check between them, could never be interleaved with another thread's.
 * Without it, threads that increment a shared counter lose updates, and the code needs the
 * {@code threading.Lock} it always should have had, whose price is now paid on every increment.
 *
 * <p>The real-world analogue. CPython 3.13t / 3.14t ({@code python3.14t}, {@code PYTHON_GIL=0}):
 * the countdown of {@code multi_threaded.py} scales with the cores, and {@code counter += 1} in
 * several threads loses updates unless written {@code with lock: counter += 1}. (Under the
 * lock, since 3.10, a plain {@code counter += 1} in a loop is never interrupted between its
 * load and its store; lesson 16 shows the case with a call in between.) The single-thread cost
 * of free threading, from reference counts done atomically and specialisation turned off, was
 * about 40% in 3.13 and is 5% to 10% in 3.14.
 *
 * <p>What runs here, in two parts.
 * <ol>
 *   <li>Scaling: the interpreted countdown ({@link KernelsUnderLock#interpreted}) split over 1
 *       and 2 threads, under the {@code switch} lock and in {@code free} mode; each mode's
 *       speedup is against its own one-thread run, and each run's time is also given against the
 *       one-thread {@code switch} run ("time vs switch 1T"). That figure for one {@code free}
 *       thread is the single-thread cost of this simulation's free mode, not of PEP 703's: its
 *       poll looks up the calling thread's state (a slot of a small cache) and the free lock's
 *       phase at every tick (a nanosecond of countdown), where the {@code switch} lock's poll
 *       reads one volatile field and compares it with the caller's id.
 *       CPython's own cost comes from atomic reference counting and, in 3.13, specialisation
 *       turned off, which nothing here models.</li>
 *   <li>Shared state: 2 threads each incrementing a {@link SharedCounter} the same number of
 *       times, as {@code counter += 1}: load, add, store, then the poll at the loop's back edge;
 *       under the {@code switch} lock, in {@code free} mode, and in {@code free} mode with a
 *       {@link ThreadingLock} ({@code ReentrantLock}) around the load and store. Lost updates are
 *       counted exactly: increments minus the final value.</li>
 * </ol>
 *
 * <p>What to observe. Scaling: {@code free} at 2 threads near 2x, {@code switch} near 1x, and
 * the cost of one {@code free} thread against one {@code switch} thread. Shared state: under the
 * {@code switch} lock nothing is lost, by construction (no other thread runs between a load and
 * its store); in {@code free} mode increments are lost whenever the two threads' loads and
 * stores interleave (both load 41, both store 42: one increment gone); with the lock nothing is
 * lost, and the ns/increment column shows what the lock costs when two cores fight over it.
 *
 * <p>Expected: free 2 threads 1.6x to 2.0x of 1 free thread on 2 cores, switch about 1x; one
 * free thread 1.8x to 2.5x the time of one switch thread (the simulation's poll, see above;
 * CPython 3.14t: 1.05x to 1.1x); free without a lock: lost updates, from a few percent to most
 * of them; with the lock: none, at a cost that depends on how the two cores share the lock and
 * the counter (from faster than the race, which fights over the counter's cache line, to twice
 * its time).
 *
 * <h2>Measured</h2>
 * <pre>
 * ./gillab lesson 15   (2026-11-22; 2 vCPUs shared with other work, both found free by a probe just before)
 * run                                       threads  wall ms  speedup  switches  forced drops  lock wait  CPU/wall  time vs switch 1T  lost     ns/increment
 * ----------------------------------------  -------  -------  -------  --------  ------------  ---------  --------  -----------------  -------  ------------
 * switch, countdown, 1 thread                     1    647.4    1.00x         1             0         0%      1.00              1.00x
 * switch, countdown, 2 threads                    2    614.7    1.05x       111           109        47%      1.00              0.95x
 * free, countdown, 1 thread                       1   1166.2    1.00x         0             0         0%      1.00              1.80x
 * free, countdown, 2 threads                      2    673.9    1.73x         0             0         0%      1.95              1.04x
 * switch, counter += 1, 2 threads                 2     30.5    1.00x         6             4        38%      0.86                           0           3.1
 * free, counter += 1, 2 threads                   2    184.3    0.17x         0             0         0%      1.87                     1791047          18.4
 * free, with lock: counter += 1, 2 threads        2    124.2    0.25x         0             0         1%      1.19                           0          12.4
 * </pre>
 *
 * <p>Under the {@code switch} lock 2 threads ran at 1.05x of one; in {@code free} mode at 1.73x,
 * CPU/wall 1.95. One free thread took 1.80x the time of one {@code switch} thread, so 2 free
 * threads were no faster than 1 locked one (1.04x its time): this simulation's free poll costs
 * far more than CPython 3.14t's overhead does. {@code counter += 1} lost nothing under the lock and 1.79 million of
 * 10 million updates (18%) in free mode; with {@code threading.Lock}, nothing. And the lock
 * did not even cost time here: the racing version was the slower one (18.4 against 12.4 ns per
 * increment), its two cores fighting over the counter's cache line at every increment, while
 * the lock let one thread at a time run long stretches (on a busier run the lock has cost up to
 * twice the time instead: this figure depends on the scheduling).
 *
 * <p>Against the real thing. {@code gillab fidelity} scenarios 11 to 13 run these experiments in
 * CPython 3.13.5 built with {@code --disable-gil} ({@code ./gillab build-cpython}), with
 * {@code PYTHON_GIL=0} against {@code free} mode and {@code PYTHON_GIL=1} against {@code switch}:
 * the countdown over 1, 2 and 4 threads (11), one thread without the lock against with it (12),
 * and {@code counter += 1} on a global and on an attribute in 4 threads (13). The measured
 * table is in docs/FIDELITY.md, "Free-threaded CPython". From its run of 2026-12-07 (idle 2-core
 * machine, {@code ./gillab fidelity --free-threaded}): 2 threads took 0.565 of one thread's time
 * in 3.13t without the lock and 0.514 in {@code free} mode (with the lock: 1.06 and 1.00); one
 * thread without the lock took 1.04 of its time with it in CPython, 1.24 in gillab (the free
 * poll's lookups, above); {@code counter += 1} in 4 threads lost 72% of the increments in 3.13t
 * and 44% in {@code free} mode, and none with the lock on either side.
 *
 * <p>How to run: {@code ./gillab lesson 15} (options: {@code --threads 1,2}, {@code --mode}
 * for the locked side of the comparison, {@code --quick}).
 */
public final class Lesson15_FreeThreadedNeedsRealLocks implements Lesson {

    /** Countdown iterations at scale 1, over all threads of a scaling run. */
    static final long COUNTDOWN_ITERATIONS = 300_000_000L;

    /** Counter increments at scale 1, over all threads of a shared-state run. */
    static final long INCREMENTS = 10_000_000L;

    /** Increments of one warm-up call. */
    static final long WARM_UP_INCREMENTS = 2_000;

    /** A speedup above this means the threads ran in parallel. */
    static final double PARALLEL_SPEEDUP = 1.4;

    private static final LessonInfo INFO = new LessonInfo(15, "Free threading: scaling, and real locks",
            Verdict.SHOWS,
            "free-threaded CPython 3.13t/3.14t (PEP 703): parallel pure Python; counter += 1 needs a threading.Lock",
            "free 2 threads: 1.6x to 2.0x of 1 on 2 cores; counter += 1 loses updates in free mode, none with a lock",
            "without the lock pure Java scales, and what the lock protected needs a real lock");

    /** The three ways the shared-state part increments the counter. */
    private enum Sharing {
        LOCKED_INTERPRETER("counter += 1", "interpreter"),
        FREE("counter += 1", "free"),
        FREE_WITH_LOCK("with lock: counter += 1", "freeLocked");

        final String code;
        final String metric;

        Sharing(String code, String metric) {
            this.code = code;
            this.metric = metric;
        }
    }

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        List<Row> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        List<Integer> threadCounts = settings.threadsOr(List.of(1, 2));
        LockMode locking = settings.modeOr(LockMode.SWITCH);
        LessonSettings free = settings.withMode(LockMode.FREE);
        warmUp(settings, locking);

        long total = settings.scaled(COUNTDOWN_ITERATIONS, 4_000_000);
        Measurement lockedBaseline = null;
        Trace telling = null;
        for (LessonSettings side : List.of(settings, free)) {
            Measurement baseline = null;
            for (int threads : threadCounts) {
                Interpreter interpreter = side.interpreter();
                Kernels kernels = KernelsUnderLock.interpreted(interpreter);
                long share = total / threads;
                Measurement m = ThreadedRun.run(interpreter, threads, "countdown", i -> kernels.countdown(share));
                if (baseline == null) {
                    baseline = m;
                }
                if (lockedBaseline == null) {
                    lockedBaseline = m;
                }
                if (telling == null || interpreter.mode() == LockMode.FREE && threads > 1) {
                    telling = m.trace();
                }
                double timeOfLocked = (double) m.wallNanos() / lockedBaseline.wallNanos();
                Row row = Row.of(interpreter.mode().id() + ", countdown, " + threads(threads), m, baseline.wallNanos())
                        .with("CPU/wall", String.format(Locale.ROOT, "%.2f", m.parallelism()))
                        .with("time vs " + locking.id() + " 1T", String.format(Locale.ROOT, "%.2fx", timeOfLocked));
                rows.add(row);
                String key = (interpreter.mode() == LockMode.FREE ? "free." : "locked.") + threads;
                metrics.put("speedup." + key, row.speedup());
                metrics.put("parallelism." + key, m.parallelism());
                metrics.put("timeOfLocked." + key, timeOfLocked);
                settings.progress().stepDone(row.label());
            }
        }

        int sharing = threadCounts.get(threadCounts.size() - 1);
        long perThread = settings.scaled(INCREMENTS, 100_000) / sharing;
        long increments = perThread * sharing;
        Measurement sharingBaseline = null;
        for (Sharing way : Sharing.values()) {
            Interpreter interpreter = (way == Sharing.LOCKED_INTERPRETER ? settings : free).interpreter();
            SharedCounter counter = new SharedCounter();
            ThreadingLock lock = new ThreadingLock();
            Measurement m = ThreadedRun.run(interpreter, sharing, "adder", i -> {
                if (way == Sharing.FREE_WITH_LOCK) {
                    incrementUnderLock(interpreter, counter, lock, perThread);
                } else {
                    increment(interpreter, counter, perThread);
                }
            });
            if (sharingBaseline == null) {
                sharingBaseline = m;
            }
            long lost = counter.lost(increments);
            Row row = Row.of(interpreter.mode().id() + ", " + way.code + ", " + threads(sharing), m,
                            sharingBaseline.wallNanos())
                    .with("CPU/wall", String.format(Locale.ROOT, "%.2f", m.parallelism()))
                    .with("lost", Long.toString(lost))
                    .with("ns/increment", String.format(Locale.ROOT, "%.1f", (double) m.wallNanos() / increments));
            rows.add(row);
            metrics.put("lost." + way.metric, (double) lost);
            metrics.put("nsPerIncrement." + way.metric, (double) m.wallNanos() / increments);
            settings.progress().stepDone(row.label());
        }
        metrics.put("increments", (double) increments);
        return new LessonResult(INFO, rows, conclusion(metrics, locking, threadCounts), metrics, telling);
    }

    /** {@code counter += 1}, {@code n} times: load, add, store, and the loop's back-edge poll. */
    static void increment(Interpreter interpreter, SharedCounter counter, long n) {
        for (long i = 0; i < n; i++) {
            counter.store(counter.load() + 1);
            interpreter.poll();
        }
    }

    /** {@code with lock: counter += 1}, {@code n} times. */
    static void incrementUnderLock(Interpreter interpreter, SharedCounter counter, ThreadingLock lock, long n) {
        for (long i = 0; i < n; i++) {
            lock.acquire(interpreter);
            try {
                counter.store(counter.load() + 1);
            } finally {
                lock.release();
            }
            interpreter.poll();
        }
    }

    /** Compiles the countdown and the increment loops under both locks, untimed. */
    private static void warmUp(LessonSettings settings, LockMode locking) {
        WarmUp.onTwoThreads(settings::interpreterIn, List.of(locking, LockMode.FREE), interpreter -> {
            Kernels kernels = KernelsUnderLock.interpreted(interpreter);
            SharedCounter counter = new SharedCounter();
            ThreadingLock lock = new ThreadingLock();
            return () -> {
                kernels.countdown(WarmUp.COUNTDOWN);
                increment(interpreter, counter, WARM_UP_INCREMENTS);
                incrementUnderLock(interpreter, counter, lock, WARM_UP_INCREMENTS);
            };
        });
    }

    private static String threads(int n) {
        return n + (n == 1 ? " thread" : " threads");
    }

    private static String conclusion(Map<String, Double> metrics, LockMode locking, List<Integer> threadCounts) {
        int most = threadCounts.get(threadCounts.size() - 1);
        int fewest = threadCounts.get(0);
        double freeSpeedup = metrics.get("speedup.free." + most);
        double singleThreadCost = metrics.get("timeOfLocked.free." + fewest) - 1;
        long increments = metrics.get("increments").longValue();
        long lostFree = metrics.get("lost.free").longValue();
        long lostInterpreter = metrics.get("lost.interpreter").longValue();
        long lostLocked = metrics.get("lost.freeLocked").longValue();
        String scaling = freeSpeedup >= PARALLEL_SPEEDUP
                ? "free threads scaled"
                : "free threads did not scale (one core, or a busy machine?)";
        String sharing = lostLocked > 0
                ? "updates were lost under threading.Lock: a bug"
                : lostFree > 0
                ? "what the interpreter lock protected now needs a real lock"
                : "no update was lost this time, but nothing stops it: the race needs two threads on two cores at once";
        return String.format(Locale.ROOT, "free mode ran %s at %.2fx the speed of %s (%s lock: %.2fx), one free thread "
                        + "taking %+.0f%% the time of one under the %s lock: %s; counter += 1 lost %d of %d updates in "
                        + "free mode, %d under the %s lock, %d with threading.Lock at %.1f instead of %.1f ns per "
                        + "increment: %s.", threads(most), freeSpeedup, threads(fewest), locking.id(),
                metrics.get("speedup.locked." + most), 100 * singleThreadCost, locking.id(), scaling, lostFree, increments,
                lostInterpreter, locking.id(), lostLocked, metrics.get("nsPerIncrement.freeLocked"),
                metrics.get("nsPerIncrement.free"), sharing);
    }
}
