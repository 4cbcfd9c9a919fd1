package dev.gillab.lesson.catalogue;

import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.experiment.WarmUp;
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
 * <h2>Lesson 16 (broken): the interpreter lock does not make {@code counter += 1} atomic</h2>
 *
 * <p>The problem. "The GIL makes Python thread safe" is half true: it makes each bytecode
 * atomic, not each statement. {@code counter = get() + 1} is a load, a call, an add and a
 * store; the eval loop checks its eval breaker at the call, so the lock can be handed to
 * another thread between the load and the store. That thread increments the counter; when the
 * first one gets the lock back it stores the value it loaded before, plus one, and every
 * increment made meanwhile is lost.
 *
 * <p>The real-world analogue. Several {@code threading.Thread}s running
 * {@code for _ in range(n): counter = read_counter() + 1} (or {@code self.n += 1} through a
 * property, or a read-modify-write of a shared dict entry with a call in the middle): CPython
 * 3.11 with 4 threads ends with about half the expected count. The fix is
 * {@code with lock: counter = read_counter() + 1}, a {@code threading.Lock} held across the
 * whole read-modify-write.
 *
 * <p>What runs here. Threads attached to one interpreter under the {@code switch} lock, with a
 * short switch interval ({@value #SWITCH_INTERVAL_MICROS} us) so that switches are frequent,
 * each increment a {@link SharedCounter} the same number of times:
 * <ul>
 *   <li>no lock: load, {@link Interpreter#poll()} (the call: where the eval breaker may switch
 *       threads), store the loaded value plus one;</li>
 *   <li>{@code threading.Lock}: the same, with a {@link ThreadingLock} held from before the load
 *       to after the store (acquired without blocking when free, else blocking with the
 *       interpreter lock released, as CPython does).</li>
 * </ul>
 * The loop's back edge is not polled: a switch there loses nothing, and leaving it out keeps
 * every switch at the dangerous point. Every increment adds exactly one, so the lost updates are
 * counted exactly: increments minus the final value.
 *
 * <p>Why the loss is certain, not just likely. Without the lock, every forced drop happens at
 * the poll between a load and its store, and forced switching hands the lock to another
 * thread, whose first act is a store (it was itself stopped just before one) or a load, poll and
 * store of its own. Either way a store lands between the first thread's load and store, so the
 * first thread's store overwrites it: at least one update lost per forced switch. With one
 * thread nothing is ever lost; with four, losses come as soon as the run lasts longer than a
 * switch interval, which it does by thousands of intervals.
 *
 * <p>What to observe. The lost column: zero with one thread, a large share of all increments
 * with four and no lock, zero with the lock. The lock's price: the ns/increment column and the
 * switches, since a thread that finds the lock taken must give up the interpreter lock to
 * wait for it, and get it back afterwards.
 *
 * <p>Expected: 4 threads without a lock lose 25% to 90% of the increments; with the lock 0,
 * at a cost of up to a few times the time per increment.
 *
 * <h2>Measured</h2>
 * <pre>
 * ./gillab lesson 16   (2026-11-22; 2 vCPUs shared with other work, both found free by a probe just before)
 * run                        threads  wall ms  speedup  switches  forced drops  lock wait  increments  lost      lost %  ns/increment
 * -------------------------  -------  -------  -------  --------  ------------  ---------  ----------  --------  ------  ------------
 * no lock, 1 thread                1    109.3    1.00x         1             0         0%    40000000         0    0.0%           2.7
 * no lock, 4 threads               4    172.0    0.64x       515           511        54%    40000000  30000000   75.0%           4.3
 * threading.Lock, 1 thread         1    287.6    0.38x         1             0         0%    40000000         0    0.0%           7.2
 * threading.Lock, 4 threads        4    380.4    0.29x      4959             1         3%    40000000         0    0.0%           9.5
 * </pre>
 *
 * <p>One thread lost nothing; four threads lost 30 million of 40 million increments (75%) in
 * 511 forced drops: each thread, resuming, stores its own running count, so the counter ends at
 * about one thread's share. With {@code threading.Lock} held across the load and store, nothing
 * was lost, at 9.5 ns per increment instead of 4.3, the lock's hand-overs showing as ten times
 * as many interpreter-lock switches (a thread that finds the lock taken gives the interpreter
 * lock up to wait for it).
 *
 * <p>How to run: {@code ./gillab lesson 16} (options: {@code --threads 1,4},
 * {@code --switch-interval 5000} for CPython's default, {@code --mode ticks}, {@code --quick}).
 * See lesson 15 for the same race without any interpreter lock.
 */
public final class Lesson16_BrokenLostUpdates implements Lesson {

    /** Increments at scale 1, over all threads. */
    static final long TOTAL_INCREMENTS = 40_000_000L;

    /** Increments of one warm-up call. */
    static final long WARM_UP_INCREMENTS = 2_000;

    /** The lesson's switch interval: short, so that losses are frequent. */
    static final long SWITCH_INTERVAL_MICROS = 100;

    private static final LessonInfo INFO = new LessonInfo(16, "Lost updates: counter += 1 under the lock",
            Verdict.BROKEN,
            "threading.Thread x 4 running counter = read_counter() + 1, without and with a threading.Lock",
            "4 threads, no lock: 25% to 90% of increments lost; with threading.Lock: none",
            "the interpreter lock does not make a read-modify-write atomic: a real lock does, at a price");

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        long total = settings.scaled(TOTAL_INCREMENTS, 400_000);
        warmUp(settings);
        List<Row> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        Measurement baseline = null;
        Trace telling = null;
        for (boolean locked : new boolean[] {false, true}) {
            for (int threads : settings.threadsOr(List.of(1, 4))) {
                Interpreter interpreter = settings.interpreter(LockMode.SWITCH, SWITCH_INTERVAL_MICROS);
                SharedCounter counter = new SharedCounter();
                ThreadingLock lock = new ThreadingLock();
                long perThread = total / threads;
                long increments = perThread * threads;
                Measurement m = ThreadedRun.run(interpreter, threads, "adder", i -> {
                    if (locked) {
                        incrementUnderLock(interpreter, counter, lock, perThread);
                    } else {
                        increment(interpreter, counter, perThread);
                    }
                });
                if (baseline == null) {
                    baseline = m;
                }
                if (telling == null || !locked && threads > 1) {
                    telling = m.trace();
                }
                long lost = counter.lost(increments);
                String name = locked ? "threading.Lock" : "no lock";
                Row row = Row.of(name + ", " + threads + (threads == 1 ? " thread" : " threads"), m, baseline.wallNanos())
                        .with("increments", Long.toString(increments))
                        .with("lost", Long.toString(lost))
                        .with("lost %", String.format(Locale.ROOT, "%.1f%%", 100.0 * lost / increments))
                        .with("ns/increment", String.format(Locale.ROOT, "%.1f", (double) m.wallNanos() / increments));
                rows.add(row);
                String key = (locked ? "locked." : "unlocked.") + threads;
                metrics.put("lost." + key, (double) lost);
                metrics.put("increments." + key, (double) increments);
                metrics.put("nsPerIncrement." + key, (double) m.wallNanos() / increments);
                metrics.put("forcedDrops." + key, (double) m.stats().total().forcedDrops());
                settings.progress().stepDone(row.label());
            }
        }
        List<Integer> threadCounts = settings.threadsOr(List.of(1, 4));
        return new LessonResult(INFO, rows, conclusion(metrics, threadCounts.get(threadCounts.size() - 1)), metrics,
                telling);
    }

    /** Compiles both increment loops, with the lesson's switch interval, untimed. */
    private static void warmUp(LessonSettings settings) {
        LessonSettings lessons = settings.withSwitchIntervalMicros(settings.switchIntervalOr(SWITCH_INTERVAL_MICROS));
        WarmUp.onTwoThreads(lessons::interpreterIn, List.of(settings.modeOr(LockMode.SWITCH)), interpreter -> {
            SharedCounter counter = new SharedCounter();
            ThreadingLock lock = new ThreadingLock();
            return () -> {
                increment(interpreter, counter, WARM_UP_INCREMENTS);
                incrementUnderLock(interpreter, counter, lock, WARM_UP_INCREMENTS);
            };
        });
    }

    /** {@code counter = read_counter() + 1}, {@code n} times: load, the call's poll, store. */
    static void increment(Interpreter interpreter, SharedCounter counter, long n) {
        for (long i = 0; i < n; i++) {
            long value = counter.load();
            interpreter.poll();
            counter.store(value + 1);
        }
    }

    /** {@code with lock: counter = read_counter() + 1}, {@code n} times. */
    static void incrementUnderLock(Interpreter interpreter, SharedCounter counter, ThreadingLock lock, long n) {
        for (long i = 0; i < n; i++) {
            lock.acquire(interpreter);
            try {
                long value = counter.load();
                interpreter.poll();
                counter.store(value + 1);
            } finally {
                lock.release();
            }
        }
    }

    private static String conclusion(Map<String, Double> metrics, int threads) {
        long increments = metrics.get("increments.unlocked." + threads).longValue();
        long lostUnlocked = metrics.get("lost.unlocked." + threads).longValue();
        long lostLocked = metrics.get("lost.locked." + threads).longValue();
        String verdict = lostUnlocked > 0 && lostLocked == 0
                ? "the interpreter lock did not make the read-modify-write atomic; a real lock did"
                : lostUnlocked == 0
                ? "nothing was lost without the lock: one thread, or no switch ever fell between a load and its store"
                : "updates were lost even with the lock: a bug";
        return String.format(Locale.ROOT, "%d threads without a lock lost %d of %d increments (%.1f%%), with "
                        + "threading.Lock %d, at %.1f ns per increment instead of %.1f: %s.", threads, lostUnlocked,
                increments, 100.0 * lostUnlocked / increments, lostLocked, metrics.get("nsPerIncrement.locked." + threads),
                metrics.get("nsPerIncrement.unlocked." + threads), verdict);
    }
}
