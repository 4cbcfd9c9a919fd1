package dev.gillab.experiment;

import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockStats;
import dev.gillab.stdlib.EventLoop;
import dev.gillab.stdlib.Task;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * How late an event loop runs its tasks while one task does something: the loop's lag, as
 * asyncio's debug mode sees it.
 *
 * <p>On a new loop, a heartbeat task sleeps {@link #BEAT} at a time and notes the longest gap
 * between two of its beats, while a second task runs the work once and returns how long it took.
 * The lag is the longest gap less one beat: 0 when every task runs as soon as it is due, the
 * whole length of the work when the work keeps the loop from running anything else.
 */
public final class LoopLag {

    /** The heartbeat's sleep. */
    public static final Duration BEAT = Duration.ofMillis(1);

    /**
     * What one run measured.
     *
     * @param lagNanos   the heartbeat's longest gap less one beat
     * @param workNanos  how long the work took, as it measured itself
     * @param wallNanos  the whole run, from the first task to the last
     * @param loop       the loop's own count of steps and slow steps
     * @param lock       the interpreter lock's statistics over the run
     */
    public record Result(long lagNanos, long workNanos, long wallNanos, EventLoop.Stats loop, LockStats lock) {

        /** The lag in lengths of the work. */
        public double lagInWork() {
            return (double) lagNanos / workNanos;
        }

        /** The run as a table row: the lock's counts, the work's length, the lag, slow steps, drop requests. */
        public Row row(String label) {
            LockStats.Counts c = lock.total();
            return new Row(label, 1, wallNanos / 1e6, 1, c.switches(), c.forcedDrops(),
                    (double) c.waitedNanos() / wallNanos, Map.of())
                    .with("call ms", String.format(Locale.ROOT, "%.0f", workNanos / 1e6))
                    .with("loop lag ms", String.format(Locale.ROOT, "%.1f", lagNanos / 1e6))
                    .with("slow steps", Long.toString(loop.slowSteps()))
                    .with("drop requests", Long.toString(c.dropRequests()));
        }
    }

    private LoopLag() {
    }

    /** How long {@code r} takes to run, in nanoseconds: what a work passed to {@link #measure} returns. */
    public static long timed(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return System.nanoTime() - start;
    }

    /**
     * Runs {@code work} (which returns the nanoseconds it took) as a task on a new loop beside a
     * heartbeat, on a new thread attached to {@code interpreter}.
     */
    public static Result measure(Interpreter interpreter, ToLongFunction<EventLoop> work) {
        long[] gap = new long[1];
        long[] workNanos = new long[1];
        EventLoop.Stats[] loopStats = new EventLoop.Stats[1];
        long start = System.nanoTime();
        ThreadedRun.run(interpreter, 1, "event-loop", i -> EventLoop.run(interpreter, loop -> {
            boolean[] done = new boolean[1];
            Task<Void> heart = loop.createTask("heartbeat", () -> {
                long last = System.nanoTime();
                while (!done[0]) {
                    loop.sleep(BEAT);
                    long now = System.nanoTime();
                    gap[0] = Math.max(gap[0], now - last);
                    last = now;
                }
                return null;
            });
            loop.sleep(BEAT.multipliedBy(5)); // the heartbeat beats before the work starts
            workNanos[0] = loop.await(loop.createTask("work", () -> work.applyAsLong(loop)));
            loop.sleep(BEAT.multipliedBy(5));
            done[0] = true;
            loop.await(heart);
            loopStats[0] = loop.stats();
            return null;
        }));
        long wall = System.nanoTime() - start;
        return new Result(Math.max(0, gap[0] - BEAT.toNanos()), workNanos[0], wall, loopStats[0],
                interpreter.stats());
    }
}
