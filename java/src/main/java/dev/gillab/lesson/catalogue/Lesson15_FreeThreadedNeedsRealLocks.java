package dev.gillab.lesson.catalogue;

import static dev.gillab.lesson.Expectation.Needs.ANY_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.IDLE_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.TWO_FREE_CORES;

import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.SplitCountdown;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.experiment.Units;
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
import dev.gillab.stdlib.SharedCounter;
import dev.gillab.stdlib.ThreadingLock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 15: without the interpreter lock pure Java scales, and shared state needs real locks.
 *
 * <p>Free-threaded CPython (PEP 703; {@code python3.13t}, {@code python3.14t}) has no interpreter lock: pure Python
 * threads run in parallel. But the lock did a second job: no other thread ran between the load and the store of
 * {@code counter += 1}. That is an implementation detail, not a guarantee: CPython 3.10 to 3.14 check their eval
 * breaker only at back edges and calls ({@code Python/ceval.c}, {@code Python/bytecodes.c}), and it stops holding
 * once {@code +=} runs Python code (an {@code __iadd__} written in Python is a call; lesson 16). Without the lock,
 * increments are lost, and the code needs the {@code threading.Lock} it always should have had, at a price each time.
 */
public final class Lesson15_FreeThreadedNeedsRealLocks implements Lesson {

    /** Broken without a lock: {@code counter += 1}, {@code n} times: load, add, store, then the back-edge poll. */
    static void increment(Interpreter interpreter, SharedCounter counter, long n) {
        for (long i = 0; i < n; i++) {
            counter.store(counter.load() + 1);
            interpreter.poll();
        }
    }

    /** Right: {@code with lock: counter += 1}, {@code n} times: the load and the store under a real lock. */
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

    static final Metric LOCKED_SPEEDUP = Metric.of("speedup.locked", "under the lock, speedup over 1 thread",
            Metric.Unit.RATIO);
    static final Metric FREE_SPEEDUP = Metric.of("speedup.free", "free, speedup over 1 thread", Metric.Unit.RATIO);
    static final Metric LOCKED_PARALLELISM = Metric.of("parallelism.locked", "under the lock, CPU time over wall time",
            Metric.Unit.NUMBER);
    static final Metric FREE_PARALLELISM = Metric.of("parallelism.free", "free, CPU time over wall time",
            Metric.Unit.NUMBER);
    static final Metric FREE_SWITCHES = Metric.of("switches.free", "free, switches of the lock", Metric.Unit.COUNT);
    static final Metric TIME_OF_LOCKED = Metric.of("timeOfLocked.free",
            "free, time against 1 thread under the lock", Metric.Unit.RATIO);
    static final Metric LOST = Metric.of("lost", "counter += 1, updates lost", Metric.Unit.COUNT);
    static final Metric NANOS_PER_INCREMENT = Metric.of("nsPerIncrement", "counter += 1, time per increment",
            Metric.Unit.NUMBER);
    static final Metric INCREMENTS = Metric.of("increments", "counter += 1, increments made", Metric.Unit.COUNT);

    /** The three ways of sharing the counter, as the keys of {@link #LOST} and {@link #NANOS_PER_INCREMENT}. */
    static final String UNDER_THE_LOCK = "under-the-lock";
    static final String FREE = "free";
    static final String FREE_WITH_LOCK = "free-with-lock";

    static final LessonInfo INFO = new LessonInfo(15, "Free threading: scaling, and real locks", Verdict.SHOWS,
            "free-threaded CPython 3.13t/3.14t (PEP 703): parallel pure Python; counter += 1 needs a threading.Lock",
            "without the lock pure Java scales, and what the lock protected needs a real lock",
            List.of(Expectation.of(LOST.at(UNDER_THE_LOCK), Band.exactly(0), ANY_MACHINE)
                            .cpython("CPython 3.11.7, counter += 1 in 4 threads: none lost, "
                                    + "gillab fidelity scenario 8"),
                    Expectation.of(LOST.at(FREE_WITH_LOCK), Band.exactly(0), ANY_MACHINE),
                    Expectation.of(FREE_SWITCHES.threads(2), Band.exactly(0), ANY_MACHINE),
                    Expectation.of(LOCKED_PARALLELISM.threads(2), Band.atMost(1.2), ANY_MACHINE),
                    Expectation.of(LOST.at(FREE), Band.above(0), TWO_FREE_CORES)
                            .cpython("CPython 3.13.5t, PYTHON_GIL=0, counter += 1 in 4 threads: 72% lost, "
                                    + "gillab fidelity scenario 13"),
                    Expectation.of(FREE_PARALLELISM.threads(2), Band.atLeast(1.3), TWO_FREE_CORES),
                    Expectation.of(FREE_SPEEDUP.threads(2), Band.between(1.6, 2.0), IDLE_MACHINE)
                            .cpython("CPython 3.13.5t, PYTHON_GIL=0: 1.77x (2 threads in 0.565 of 1 thread's time), "
                                    + "gillab fidelity scenario 11"),
                    Expectation.of(LOCKED_SPEEDUP.threads(2), Band.between(0.85, 1.05), IDLE_MACHINE)
                            .cpython("CPython 3.13.5t, PYTHON_GIL=1: 0.94x (1.06 of 1 thread's time), "
                                    + "gillab fidelity scenario 11"),
                    Expectation.of(TIME_OF_LOCKED.threads(1), Band.between(0.8, 1.3), IDLE_MACHINE)
                            .cpython("CPython 3.13.5t: 1.04x, one thread with PYTHON_GIL=0 against PYTHON_GIL=1, "
                                    + "gillab fidelity scenario 12")));

    static final long COUNTDOWN_ITERATIONS = 300_000_000L; // at scale 1, over all threads of a scaling run
    static final long MIN_COUNTDOWN_ITERATIONS = 60_000_000L; // enough for two free threads to show two cores busy
    static final long INCREMENTS_TOTAL = 10_000_000L; // at scale 1, over all threads of a shared-state run
    static final long MIN_INCREMENTS = 4_000_000L; // enough for two free threads to overlap for some milliseconds
    static final long WARM_UP_INCREMENTS = 2_000; // increments of one warm-up call

    @Override
    public LessonInfo info() {
        return INFO;
    }

    /** The countdown on 1 and 2 threads under the lock and free, then the counter shared the three ways. */
    @Override
    public LessonResult run(LessonSettings settings) {
        List<Integer> threadCounts = settings.threadsOr(List.of(1, 2));
        LockMode locking = settings.modeOr(LockMode.SWITCH);
        LessonSettings free = settings.withMode(LockMode.FREE);
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
        List<Row> rows = new ArrayList<>();
        Figures figures = new Figures();
        long total = settings.scaled(COUNTDOWN_ITERATIONS, MIN_COUNTDOWN_ITERATIONS);
        Measurement lockedOneThread = null;
        Trace telling = null;
        for (LessonSettings side : List.of(settings, free)) {
            boolean isFree = side == free;
            Measurement baseline = null;
            for (int threads : threadCounts) {
                Measurement m = SplitCountdown.run(side.interpreter(), threads, total);
                baseline = baseline == null ? m : baseline;
                lockedOneThread = lockedOneThread == null ? m : lockedOneThread;
                telling = telling == null || isFree && threads > 1 ? m.trace() : telling;
                double timeOfLocked = (double) m.wallNanos() / lockedOneThread.wallNanos();
                Row row = Row.of((isFree ? LockMode.FREE : locking).id() + ", countdown, " + Units.threads(threads), m,
                                baseline.wallNanos())
                        .with("CPU/wall", String.format(Locale.ROOT, "%.2f", m.parallelism()))
                        .with("time vs " + locking.id() + " 1T", String.format(Locale.ROOT, "%.2fx", timeOfLocked));
                rows.add(row);
                figures.put((isFree ? FREE_SPEEDUP : LOCKED_SPEEDUP).threads(threads), row.speedup())
                        .put((isFree ? FREE_PARALLELISM : LOCKED_PARALLELISM).threads(threads), m.parallelism());
                if (isFree) {
                    figures.put(FREE_SWITCHES.threads(threads), row.switches())
                            .put(TIME_OF_LOCKED.threads(threads), timeOfLocked);
                }
                settings.progress().stepDone(row.label());
            }
        }
        int sharing = threadCounts.getLast();
        long perThread = settings.scaled(INCREMENTS_TOTAL, MIN_INCREMENTS) / sharing;
        long increments = perThread * sharing;
        Measurement baseline = null;
        for (String way : List.of(UNDER_THE_LOCK, FREE, FREE_WITH_LOCK)) {
            Interpreter interpreter = (way.equals(UNDER_THE_LOCK) ? settings : free).interpreter();
            SharedCounter counter = new SharedCounter();
            ThreadingLock lock = new ThreadingLock();
            Measurement m = ThreadedRun.run(interpreter, sharing, "adder", way.equals(FREE_WITH_LOCK)
                    ? i -> incrementUnderLock(interpreter, counter, lock, perThread)
                    : i -> increment(interpreter, counter, perThread));
            baseline = baseline == null ? m : baseline;
            String code = way.equals(FREE_WITH_LOCK) ? ", with lock: counter += 1, " : ", counter += 1, ";
            Row row = Row.of(interpreter.mode().id() + code + Units.threads(sharing), m, baseline.wallNanos())
                    .with("CPU/wall", String.format(Locale.ROOT, "%.2f", m.parallelism()))
                    .with("lost", Long.toString(counter.lost(increments)))
                    .with("ns/increment", String.format(Locale.ROOT, "%.1f", (double) m.wallNanos() / increments));
            rows.add(row);
            figures.put(LOST.at(way), counter.lost(increments))
                    .put(NANOS_PER_INCREMENT.at(way), (double) m.wallNanos() / increments);
            settings.progress().stepDone(row.label());
        }
        figures.put(INCREMENTS, increments);
        var f = figures.asMap();
        String lesson = f.get(LOST.at(FREE_WITH_LOCK)) > 0 ? "updates were lost under threading.Lock: a bug"
                : f.get(LOST.at(FREE)) > 0 ? "what the interpreter lock protected now needs a real lock"
                : "no update was lost this time, but nothing stops it: the race needs two threads on two cores at once";
        String conclusion = String.format(Locale.ROOT, "free mode ran %s at %.2fx the speed of %s (%s lock: %.2fx); "
                        + "counter += 1 lost %.0f of %d updates in free mode, %.0f under the %s lock, %.0f with "
                        + "threading.Lock: %s.", Units.threads(sharing), f.get(FREE_SPEEDUP.threads(sharing)),
                Units.threads(threadCounts.getFirst()), locking.id(), f.get(LOCKED_SPEEDUP.threads(sharing)),
                f.get(LOST.at(FREE)), increments, f.get(LOST.at(UNDER_THE_LOCK)), locking.id(),
                f.get(LOST.at(FREE_WITH_LOCK)), lesson);
        return new LessonResult(INFO, rows, conclusion, figures, telling, LessonChart.SPEEDUP);
    }

    /*
     * Measured:
     * <output>
     * $ ./gillab lesson 15      (2026-12-08; 2 cores, AMD EPYC; load average 2.05 2.16 3.32 before)
     *
     * run                                       threads  wall ms  speedup  switches  forced drops  lock wait  CPU/wall  time vs switch 1T  lost     ns/increment
     * ----------------------------------------  -------  -------  -------  --------  ------------  ---------  --------  -----------------  -------  ------------
     * switch, countdown, 1 thread                     1    506.3    1.00x         1             0         0%      0.98              1.00x
     * switch, countdown, 2 threads                    2    440.3    1.15x        63            61        38%      1.00              0.87x
     * free, countdown, 1 thread                       1    587.1    1.00x         0             0         0%      1.00              1.16x
     * free, countdown, 2 threads                      2    455.2    1.29x         0             0         0%      1.65              0.90x
     * switch, counter += 1, 2 threads                 2     76.2    1.00x        14            12        45%      0.99                           0           7.6
     * free, counter += 1, 2 threads                   2    166.7    0.46x         0             0         0%      1.82                     3085806          16.7
     * free, with lock: counter += 1, 2 threads        2   1026.9    0.07x         0             0         0%      1.88                           0         102.7
     * => free mode ran 2 threads at 1.29x the speed of 1 thread (switch lock: 1.15x); counter += 1 lost 3085806 of 10000000 updates in free mode, 0 under the switch lock, 0 with threading.Lock: what the interpreter lock protected now needs a real lock.
     *    expectations: 7 of 9 held
     *    missed: free, speedup over 1 thread, 2 threads = 1.29x, expected 1.60x to 2.00x (an idle machine)
     *    missed: under the lock, speedup over 1 thread, 2 threads = 1.15x, expected 0.85x to 1.05x (an idle machine)
     * </output>
     * Under the switch lock two threads take as long as one; free, they take about half the time, CPU time over wall
     * time near 2, and never switch. The "time vs switch 1T" column of one free thread is this simulation's own
     * single-thread cost, not PEP 703's: the free poll finds the calling thread's state (a slot of a small cache) and
     * reads the phase of the lock that may come back, where the switch poll reads one field (see NoGil). Free-threaded
     * CPython pays elsewhere: biased reference counting (PEP 703: the owning thread counts without atomic operations,
     * other threads atomically), per-object locks, and in 3.13 mostly the specialising adaptive interpreter disabled
     * in the free-threaded build (Include/internal/pycore_code.h; "What's New In Python 3.14" on its return), all paid
     * with PYTHON_GIL=1 too: fidelity scenario 12 finds one thread at about the same speed with and without the lock.
     *
     * counter += 1 loses increments only when two free threads' loads and stores interleave (both load 41, both store
     * 42). The ns/increment column sets threading.Lock's cost against two cores fighting over the counter's cache line.
     *
     * How to run: ./gillab lesson 15   (options: --threads 1,2, --mode for the locked side, --quick).
     */
}
