package dev.gillab.lock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The statistics of one Java thread in one interpreter, kept across attach/detach cycles.
 *
 * <p>Cheap enough to stay on: every counter has a single writer, the thread itself, which
 * updates it with an opaque read and an opaque write (a plain load and store on x86, no
 * fence, no atomic instruction) that cannot tear and that other threads eventually see.
 * Wait times go into an HdrHistogram {@link Recorder}, whose recording is wait-free; a
 * snapshot drains it into a cumulative histogram. A snapshot taken while the thread runs may
 * lag its latest increments; one taken after it detached or stopped is exact.
 *
 * <p>Reset is a baseline: {@link #reset()} remembers the current values and snapshots report
 * the difference, so a reset never races with the writer's increments.
 */
final class ThreadStats {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    /** The Java thread's id ({@link Thread#threadId()}). */
    final long threadId;
    /** A readable name: the thread's name, or "virtual-&lt;id&gt;" for an unnamed virtual thread. */
    final String name;
    final boolean virtual;
    /** Order of first attachment, for stable reports. */
    final long order;

    /** Indexed by {@link Counter#ordinal()}; written by the owner thread only (opaque). */
    private final long[] counts = new long[Counter.SIZE];
    /** Wait time of every acquisition, in nanoseconds; wait-free for the owner. */
    private final Recorder waits = new Recorder(3);

    /** Guarded by this. Values at the last reset. */
    private final long[] baseline = new long[Counter.SIZE];
    /** Guarded by this. All wait times recorded since the last reset. */
    private final Histogram cumulative = new Histogram(3);
    /** Guarded by this. Reused buffer for draining {@link #waits}. */
    private Histogram interval;

    /** The live thread state while attached, else null; read by snapshots. */
    volatile ThreadState live;

    ThreadStats(Thread thread, long order) {
        this.threadId = thread.threadId();
        this.virtual = thread.isVirtual();
        this.name = displayName(thread);
        this.order = order;
    }

    static String displayName(Thread thread) {
        String n = thread.getName();
        if (n == null || n.isEmpty()) {
            return (thread.isVirtual() ? "virtual-" : "thread-") + thread.threadId();
        }
        return n;
    }

    /** Adds {@code n} to a counter. Owner thread only. */
    void add(Counter c, long n) {
        int i = c.ordinal();
        SLOT.setOpaque(counts, i, (long) SLOT.getOpaque(counts, i) + n);
    }

    /** One more poll: the only counter on the eval breaker's fast path. Owner thread only. */
    void countPoll() {
        int i = Counter.POLLS.ordinal();
        SLOT.setOpaque(counts, i, (long) SLOT.getOpaque(counts, i) + 1);
    }

    /** Records one acquisition's wait. Owner thread only. */
    void recordWait(long nanos) {
        waits.recordValue(Math.max(0, nanos));
    }

    /** Counters minus the baseline and the wait-time percentiles; adds the wait histogram into {@code merged}. */
    synchronized LockStats.ThreadSnapshot snapshot(Histogram merged) {
        interval = waits.getIntervalHistogram(interval);
        cumulative.add(interval);
        merged.add(cumulative);
        long[] now = new long[Counter.SIZE];
        for (int i = 0; i < now.length; i++) {
            now[i] = (long) SLOT.getOpaque(counts, i) - baseline[i];
        }
        ThreadState ts = live;
        boolean holding = ts != null && ts.holding;
        return new LockStats.ThreadSnapshot(name, threadId, virtual, ts != null, holding,
                LockStats.Counts.of(now), LockStats.WaitTimes.of(cumulative));
    }

    synchronized void reset() {
        for (int i = 0; i < baseline.length; i++) {
            baseline[i] = (long) SLOT.getOpaque(counts, i);
        }
        interval = waits.getIntervalHistogram(interval); // discard what was recorded so far
        cumulative.reset();
    }
}
