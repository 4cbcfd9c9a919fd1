package dev.gillab.lock;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * An immutable snapshot of an interpreter lock's statistics: totals, wait-time percentiles,
 * and the same per thread. {@link #toString()} prints a table.
 *
 * <p>Taken while threads run, a snapshot may lag each running thread by its latest increments
 * (see {@link ThreadStats}); taken after they stopped, it is exact, and then
 * {@code acquisitions == voluntaryReleases + forcedDrops + (threads still holding)}.
 *
 * @param mode                 the lock's mode
 * @param switchIntervalMicros the switch interval when the snapshot was taken
 * @param checkInterval        the check interval when the snapshot was taken
 * @param gilEnabled           free mode: when and why the lock came back ({@link Interpreter#load});
 *                             null if it has not (or never left, in the other modes)
 * @param total                the sum over all threads
 * @param waits                wait-time percentiles over all acquisitions of all threads
 * @param threads              per thread, in order of first attachment
 */
public record LockStats(LockMode mode, long switchIntervalMicros, int checkInterval, GilEnabled gilEnabled,
                        Counts total,
                        WaitTimes waits, List<ThreadSnapshot> threads) {

    public LockStats {
        threads = List.copyOf(threads);
    }

    static LockStats of(LockMode mode, long switchIntervalMicros, int checkInterval, GilEnabled gilEnabled,
                        List<ThreadStats> all) {
        List<ThreadSnapshot> per = new ArrayList<>(all.size());
        Histogram merged = new PackedHistogram(3);
        Counts total = Counts.ZERO;
        for (ThreadStats s : all) {
            ThreadSnapshot t = s.snapshot(merged);
            per.add(t);
            total = total.plus(t.counts());
        }
        return new LockStats(mode, switchIntervalMicros, checkInterval, gilEnabled, total, WaitTimes.of(merged), per);
    }

    /** Threads holding the lock when the snapshot was taken. */
    public long holdingThreads() {
        return threads.stream().filter(ThreadSnapshot::holding).count();
    }

    /** The snapshot of the thread with this name (the first one, if several share it). */
    public ThreadSnapshot thread(String name) {
        return threads.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no thread named '" + name + "' in " + threads.stream()
                .map(ThreadSnapshot::name).toList()));
    }

    /**
     * The counters.
     *
     * @param acquisitions      times the lock was taken
     * @param voluntaryReleases times it was given up by choice (released regions, blocking calls, closes, detaches)
     * @param forcedDrops       times the eval breaker made the holder drop it
     * @param dropRequests      drop requests posted by waiters
     * @param switches          acquisitions by a thread other than the last holder ({@code switch_number})
     * @param futileWakeups     wake-ups after which the lock was still not available
     * @param waitTimeouts      timed waits that ran out (switch interval)
     * @param switchWaits       drops that waited for another thread to take over (forced switching)
     * @param polls             eval-breaker polls
     * @param releasedRegions   released regions opened (native calls)
     * @param blockingCalls     blocking calls
     * @param interrupts        interrupts received while waiting for the lock
     * @param heldNanos         total time holding the lock: exact for every holding that began with a
     *                          wait or a switch, estimated from a random sample for the uncontended
     *                          ones (one in 64 is timed; the rest are added at the samples' mean);
     *                          exact throughout while tracing
     * @param waitedNanos       total time between asking for the lock and getting it (an uncontended
     *                          take, one compare-and-set, counts as zero)
     * @param diedHolding       threads that ended holding the lock, which a waiter then released on
     *                          their behalf (each also counts as a voluntary release)
     */
    public record Counts(long acquisitions, long voluntaryReleases, long forcedDrops, long dropRequests,
                         long switches, long futileWakeups, long waitTimeouts, long switchWaits, long polls,
                         long releasedRegions, long blockingCalls, long interrupts, long heldNanos,
                         long waitedNanos, long diedHolding) {

        static final Counts ZERO = of(new long[Counter.SIZE], 0);

        /** From per-thread counter values (indexed by {@link Counter#ordinal()}) and the held time they imply. */
        static Counts of(long[] v, long heldNanos) {
            return new Counts(v[Counter.SLOW_ACQUISITIONS.ordinal()] + v[Counter.UNCONTENDED_ACQUISITIONS.ordinal()],
                    v[Counter.VOLUNTARY_RELEASES.ordinal()],
                    v[Counter.FORCED_DROPS.ordinal()], v[Counter.DROP_REQUESTS.ordinal()],
                    v[Counter.SWITCHES.ordinal()], v[Counter.FUTILE_WAKEUPS.ordinal()],
                    v[Counter.WAIT_TIMEOUTS.ordinal()], v[Counter.SWITCH_WAITS.ordinal()],
                    v[Counter.POLLS.ordinal()], v[Counter.RELEASED_REGIONS.ordinal()],
                    v[Counter.BLOCKING_CALLS.ordinal()], v[Counter.INTERRUPTS.ordinal()],
                    heldNanos, v[Counter.WAITED_NANOS.ordinal()], v[Counter.DIED_HOLDING.ordinal()]);
        }

        Counts plus(Counts o) {
            return new Counts(acquisitions + o.acquisitions, voluntaryReleases + o.voluntaryReleases,
                    forcedDrops + o.forcedDrops, dropRequests + o.dropRequests, switches + o.switches,
                    futileWakeups + o.futileWakeups, waitTimeouts + o.waitTimeouts, switchWaits + o.switchWaits,
                    polls + o.polls, releasedRegions + o.releasedRegions, blockingCalls + o.blockingCalls,
                    interrupts + o.interrupts, heldNanos + o.heldNanos, waitedNanos + o.waitedNanos,
                    diedHolding + o.diedHolding);
        }

        /** Voluntary releases plus forced drops. */
        public long releases() {
            return voluntaryReleases + forcedDrops;
        }
    }

    /**
     * Wait-time distribution (from asking for the lock to taking it), in nanoseconds, from an
     * HdrHistogram with 3 significant digits. One value per acquisition; an uncontended one (the
     * fast path, nothing to wait for) is recorded as zero.
     */
    public record WaitTimes(long count, double meanNanos, long p50Nanos, long p90Nanos, long p99Nanos,
                            long p999Nanos, long maxNanos) {

        static WaitTimes of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new WaitTimes(0, 0, 0, 0, 0, 0, 0);
            }
            return new WaitTimes(h.getTotalCount(), h.getMean(), h.getValueAtPercentile(50),
                    h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
                    h.getMaxValue());
        }
    }

    /**
     * One thread's statistics.
     *
     * @param name     the thread's name
     * @param threadId {@link Thread#threadId()}
     * @param virtual  whether it is a virtual thread
     * @param attached whether it was attached when the snapshot was taken
     * @param holding  whether it held the lock when the snapshot was taken
     * @param counts   its counters
     * @param waits    its wait-time percentiles
     */
    public record ThreadSnapshot(String name, long threadId, boolean virtual, boolean attached, boolean holding,
                                 Counts counts, WaitTimes waits) {
    }

    /** The table of {@link #toString()}. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "interpreter lock: %s (%s), switch interval %d us, check interval %d%n",
                mode.id(), mode.description(), switchIntervalMicros, checkInterval));
        if (gilEnabled != null) {
            b.append(String.format(Locale.ROOT, "lock enabled at %.3f ms by thread '%s' loading '%s'%n",
                    gilEnabled.nanos() / 1e6, gilEnabled.threadName(), gilEnabled.extension()));
        }
        String header = "%-20s %9s %9s %8s %8s %8s %8s %8s %11s %10s %10s %9s %9s %9s%n";
        b.append(String.format(Locale.ROOT, header, "thread", "acquired", "released", "forced", "dropReq",
                "switches", "futile", "timeouts", "polls", "held ms", "waited ms", "p50 us", "p99 us", "max us"));
        for (ThreadSnapshot t : threads) {
            row(b, t.name() + (t.holding() ? " *" : ""), t.counts(), t.waits());
        }
        row(b, "TOTAL", total, waits);
        b.append(String.format(Locale.ROOT, "(* holding the lock; released = voluntary releases; "
                + "futile = wake-ups that found the lock taken)%n"));
        return b.toString();
    }

    private static void row(StringBuilder b, String name, Counts c, WaitTimes w) {
        b.append(String.format(Locale.ROOT, "%-20s %9d %9d %8d %8d %8d %8d %8d %11d %10.1f %10.1f %9.1f %9.1f %9.1f%n",
                name.length() > 20 ? name.substring(0, 20) : name, c.acquisitions(), c.voluntaryReleases(),
                c.forcedDrops(), c.dropRequests(), c.switches(), c.futileWakeups(), c.waitTimeouts(), c.polls(),
                c.heldNanos() / 1e6, c.waitedNanos() / 1e6, w.p50Nanos() / 1e3, w.p99Nanos() / 1e3,
                        w.maxNanos() / 1e3));
    }

    @Override
    public String toString() {
        return table();
    }
}
