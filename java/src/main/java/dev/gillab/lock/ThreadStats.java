package dev.gillab.lock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The statistics of one Java thread in one interpreter, kept across attach/detach cycles.
 *
 * <p>Cheap enough to stay on: every counter has a single writer, the thread itself, which
 * updates it with an opaque read and an opaque write (a plain load and store on x86, no
 * fence, no atomic instruction) that cannot tear and that other threads eventually see. The
 * exception is the poll counter, which the eval breaker bumps at every loop back edge of
 * interpreted code: it is a plain field, because an opaque access is also a barrier to the
 * JIT, which then has to load, add and store it at every iteration, a chain through memory
 * that cost a tight loop half its speed (measured: {@code PollBenchmark}). A plain field may
 * live in a register for the length of a loop, so a snapshot taken while the thread polls
 * may lag by that loop; one taken after the thread dropped the lock is exact, because the
 * snapshot first reads the thread's {@code holding} flag, which the drop writes with a
 * release store after the last poll.
 * Wait times go into an HdrHistogram {@link SingleWriterRecorder}, whose recording is
 * wait-free; a snapshot drains it into a cumulative histogram. Both are packed (memory in
 * proportion to the distinct values recorded, a few hundred bytes for a short-lived thread,
 * instead of 16 KB per histogram): recording happens only on the slow path, where the few
 * extra nanoseconds of a packed histogram are lost in the wait itself. A snapshot taken while the
 * thread runs may lag its latest increments; one taken after it detached or stopped is exact.
 *
 * <h2>What is timed, and the estimate of held time</h2>
 *
 * Every count is exact. Times need the clock, which costs more than an uncontended release and
 * re-take (see {@code Gil}), so:
 * <ul>
 *   <li><b>Wait times</b> are exact. A take on the slow path is timed from asking to getting;
 *       a take on the uncontended fast path waited for nothing and is recorded as a zero wait
 *       (it took one compare-and-set, tens of nanoseconds), without reading the clock. The
 *       histogram's count is the number of acquisitions.</li>
 *   <li><b>Held time</b> is exact for every holding that began on the slow path (so every
 *       holding that followed a wait or a switch: the ones contention analysis is about).
 *       Of the holdings that began on the fast path, a random one in
 *       {@value #HOLDING_SAMPLING} (and the thread's first) is timed as a sample; the others
 *       are counted, and the snapshot adds them at the samples' mean duration (a ratio
 *       estimator). The estimate is exact when those holdings are alike, as in a loop of
 *       native calls, and otherwise unbiased, with a relative error of about
 *       {@code cv / sqrt(samples)} for holdings whose durations have coefficient of variation
 *       {@code cv}. The samples are random, not every n-th, so that a loop whose holdings
 *       alternate in length cannot alias with the sampling. With tracing on, every holding is
 *       timed exactly (the trace needs the timestamps anyway).</li>
 * </ul>
 *
 * <p>Reset is a baseline: {@link #reset()} remembers the current values and snapshots report
 * the difference, so a reset never races with the writer's increments.
 */
final class ThreadStats {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle POLLS;

    static {
        try {
            POLLS = MethodHandles.lookup().findVarHandle(ThreadStats.class, "polls", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** log2 of {@link #HOLDING_SAMPLING}. */
    private static final int SAMPLING_BITS = 6;
    /** One uncontended holding in this many, on average, is timed as a sample. */
    static final int HOLDING_SAMPLING = 1 << SAMPLING_BITS;
    /** {@link ThreadState#heldSince} of a holding that is not timed. */
    static final long UNTIMED = Long.MIN_VALUE;

    /** The Java thread's id ({@link Thread#threadId()}). */
    final long threadId;
    /** A readable name: the thread's name, or "virtual-&lt;id&gt;" for an unnamed virtual thread. */
    final String name;
    final boolean virtual;
    /** Order of first attachment, for stable reports. */
    final long order;

    /**
     * Indexed by {@link Counter#ordinal()}; written by the owner thread only (opaque). {@link Counter#POLLS} is
     * {@link #polls}.
     */
    private final long[] counts = new long[Counter.SIZE];
    /** {@link Counter#POLLS}: written by the owner thread only, plainly (see the class comment). */
    private long polls;
    /** Wait time of every slow-path acquisition, in nanoseconds; wait-free for the owner. */
    private final SingleWriterRecorder waits = new SingleWriterRecorder(3, true);
    /** The state of the sampler's xorshift64* generator, never zero. Owner only. */
    private long random;

    /** Guarded by this. Values at the last reset. */
    private final long[] baseline = new long[Counter.SIZE];
    /** Guarded by this. All wait times recorded since the last reset. */
    private final Histogram cumulative = new PackedHistogram(3);
    /** Guarded by this. Reused buffer for draining {@link #waits}. */
    private Histogram interval;

    /** The live thread state while attached, else null; read by snapshots. */
    volatile ThreadState live;

    ThreadStats(Thread thread, long order) {
        this.threadId = thread.threadId();
        this.virtual = thread.isVirtual();
        this.name = displayName(thread);
        this.order = order;
        this.random = (threadId + 1) * 0x9E3779B97F4A7C15L; // odd times non-zero: non-zero
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
        polls++;
    }

    /** Records one slow-path acquisition's wait. Owner thread only. */
    void recordWait(long nanos) {
        waits.recordValue(Math.max(0, nanos));
    }

    /** Whether the uncontended holding starting now is timed as a sample. Owner thread only. */
    boolean sampleHolding() {
        long x = random;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        random = x;
        return (x * 0x2545F4914F6CDD1DL) >>> (Long.SIZE - SAMPLING_BITS) == 0 || raw(Counter.SAMPLED_HOLDINGS) == 0;
    }

    /**
     * Books a holding from {@code since} to {@code until}; {@code since} is {@link #UNTIMED} if it was not timed. Owner
     * thread only.
     */
    void holdingEnded(long since, long until, boolean sampled) {
        if (since == UNTIMED) {
            return; // counted as a release: untimed holdings are derived (see Counter)
        }
        if (sampled) {
            add(Counter.SAMPLED_HOLDINGS, 1);
            add(Counter.SAMPLED_HELD_NANOS, until - since);
        } else {
            add(Counter.EXACT_HOLDINGS, 1);
            add(Counter.HELD_NANOS, until - since);
        }
    }

    private long raw(Counter c) {
        return raw(c.ordinal());
    }

    /** The current value of counter {@code i}, from its slot or, for the polls, its field. */
    private long raw(int i) {
        return i == Counter.POLLS.ordinal() ? (long) POLLS.getOpaque(this) : (long) SLOT.getOpaque(counts, i);
    }

    /** Counters minus the baseline and the wait-time percentiles; adds the wait histogram into {@code merged}. */
    synchronized LockStats.ThreadSnapshot snapshot(Histogram merged) {
        ThreadState ts = live;
        boolean holding = ts != null && ts.holding; // first: see the class comment on the poll counter
        interval = waits.getIntervalHistogram(interval);
        cumulative.add(interval);
        long[] now = new long[Counter.SIZE];
        for (int i = 0; i < now.length; i++) {
            now[i] = raw(i) - baseline[i];
        }
        Histogram allWaits = cumulative.copy();
        long uncontended = now[Counter.UNCONTENDED_ACQUISITIONS.ordinal()];
        if (uncontended > 0) {
            allWaits.recordValueWithCount(0, uncontended);
        }
        merged.add(allWaits);
        boolean attached = ts != null && ts.thread.isAlive(); // a thread that ended attached holds nothing
        return new LockStats.ThreadSnapshot(name, threadId, virtual, attached, holding && attached,
                LockStats.Counts.of(now, estimatedHeldNanos(now)), LockStats.WaitTimes.of(allWaits));
    }

    /**
     * The exactly timed holdings, plus the sampled ones, plus the untimed ones at the samples'
     * mean. If a reset left the window without a sample, the mean is taken over the thread's
     * whole life (its first uncontended holding is always a sample).
     */
    private long estimatedHeldNanos(long[] window) {
        long ended = window[Counter.VOLUNTARY_RELEASES.ordinal()] + window[Counter.FORCED_DROPS.ordinal()];
        long samples = window[Counter.SAMPLED_HOLDINGS.ordinal()];
        // Clamped: a snapshot racing the owner may see a release before the holding's timing.
        long untimed = Math.max(0, ended - window[Counter.EXACT_HOLDINGS.ordinal()] - samples);
        long sampledNanos = window[Counter.SAMPLED_HELD_NANOS.ordinal()];
        long exact = window[Counter.HELD_NANOS.ordinal()] + sampledNanos;
        if (untimed > 0 && samples == 0) {
            samples = raw(Counter.SAMPLED_HOLDINGS);
            sampledNanos = raw(Counter.SAMPLED_HELD_NANOS);
        }
        return samples == 0 ? exact : exact + Math.round((double) untimed * sampledNanos / samples);
    }

    synchronized void reset() {
        for (int i = 0; i < baseline.length; i++) {
            baseline[i] = raw(i);
        }
        interval = waits.getIntervalHistogram(interval); // discard what was recorded so far
        cumulative.reset();
    }
}
