package dev.gillab.experiment;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Nanoseconds per call of short calls, for putting variants of one call side by side (held or
 * released, one binding or another) on a busy, shared machine. JMH does this properly for the
 * benchmarks; a lesson needs a figure in a second, inside an interpreter thread.
 *
 * <h2>Method</h2>
 * <ol>
 *   <li>Warm up: call the variants in turn, in batches that double up to the round time, until
 *       the warm-up time has passed (each at least once) and the JIT has been quiet for half of
 *       it (no compilation finished; at most {@value #WARM_UP_CAP} times the warm-up time in
 *       all), so that their paths are compiled before anything is timed. In a fresh JVM on a
 *       busy machine that takes hundreds of milliseconds, and code recompiled after a
 *       deoptimisation needs it again: until then a 10 ns call can measure over a microsecond.</li>
 *   <li>Size the batches: a variant's batch is the number of calls that lasts one round at the
 *       fastest per-call time seen while warming up (at least one call).</li>
 *   <li>Time: in each of the rounds, run every variant's batch once, in turn, rotating which
 *       variant goes first.</li>
 *   <li>Keep each variant's fastest round, divided by its batch size.</li>
 * </ol>
 * Other processes can only add time to a round, never take it away, so the fastest round is
 * the least disturbed one; taking turns means a slow stretch of the machine hits every
 * variant alike rather than one of them. What remains in the figure: the call, the loop
 * around it and one interface call (a few nanoseconds).
 *
 * <p>The calls must not be removable by the compiler: native calls never are. Run the timer on
 * the thread the variants expect, e.g. one attached to the interpreter whose lock they use.
 */
public final class CallTimer {

    /** The longest warm-up, in warm-up times, while the JIT keeps compiling. */
    static final int WARM_UP_CAP = 10;

    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private final long roundNanos;
    private final int rounds;
    private final long warmUpNanos;

    /**
     * @param round  how long one batch of calls should last (at least one call is made per batch)
     * @param rounds how many batches of each variant to time, at least 1
     * @param warmUp how long to call the variants, all together, before timing them
     */
    public CallTimer(Duration round, int rounds, Duration warmUp) {
        if (round.isNegative() || round.isZero()) {
            throw new IllegalArgumentException("round must be positive, was " + round);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, was " + rounds);
        }
        if (warmUp.isNegative()) {
            throw new IllegalArgumentException("warmUp must be >= 0, was " + warmUp);
        }
        this.roundNanos = round.toNanos();
        this.rounds = rounds;
        this.warmUpNanos = warmUp.toNanos();
    }

    /** What the timer found for one variant. */
    public record Timing(double nanosPerCall, long calls, long spentNanos) {

        /**
         * This timing as a table row: the wall time is the time spent timing the variant, the
         * speedup is {@code baselineNanosPerCall} over this one's nanoseconds per call, and the
         * lock columns are those of {@code run}, the measured run the timing was part of.
         */
        public Row row(String label, Measurement run, double baselineNanosPerCall) {
            return new Row(label, run.threads(), spentNanos / 1e6, baselineNanosPerCall / nanosPerCall,
                    run.stats().total().switches(), run.stats().total().forcedDrops(), run.waitShare(), Map.of());
        }
    }

    /** Times every variant; one timing per variant, in the same order. */
    public List<Timing> time(List<Runnable> variants) {
        int n = variants.size();
        double[] fastest = warmUp(variants);
        long[] batch = new long[n];
        for (int v = 0; v < n; v++) {
            batch[v] = Math.max(1, (long) Math.ceil(roundNanos / fastest[v]));
        }
        double[] best = new double[n];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        long[] calls = new long[n];
        long[] spent = new long[n];
        for (int r = 0; r < rounds; r++) {
            for (int turn = 0; turn < n; turn++) {
                int v = (r + turn) % n;
                long nanos = runBatch(variants.get(v), batch[v]);
                best[v] = Math.min(best[v], (double) nanos / batch[v]);
                calls[v] += batch[v];
                spent[v] += nanos;
            }
        }
        List<Timing> timings = new ArrayList<>(n);
        for (int v = 0; v < n; v++) {
            timings.add(new Timing(best[v], calls[v], spent[v]));
        }
        return timings;
    }

    /**
     * Calls the variants in turn, in batches doubling up to a round, until the warm-up time has
     * passed and the JIT has finished no compilation for half of it (or the cap is reached);
     * returns each variant's fastest time per call seen.
     */
    private double[] warmUp(List<Runnable> variants) {
        long[] batch = new long[variants.size()];
        Arrays.fill(batch, 1);
        double[] fastest = new double[variants.size()];
        Arrays.fill(fastest, Double.POSITIVE_INFINITY);
        long start = System.nanoTime();
        long compiled = jitMillis();
        long quietSince = start;
        while (true) {
            for (int v = 0; v < batch.length; v++) {
                long nanos = runBatch(variants.get(v), batch[v]);
                fastest[v] = Math.min(fastest[v], Math.max(1.0, nanos) / batch[v]);
                if (nanos < roundNanos) {
                    batch[v] *= 2;
                }
            }
            long now = System.nanoTime();
            if (jitMillis() != compiled) {
                compiled = jitMillis();
                quietSince = now;
            }
            long elapsed = now - start;
            if (elapsed >= WARM_UP_CAP * warmUpNanos || elapsed >= warmUpNanos && now - quietSince >= warmUpNanos / 2) {
                return fastest;
            }
        }
    }

    /** Total time the JIT has spent compiling, in milliseconds; 0 where the JVM does not say. */
    private static long jitMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
    }

    private static long runBatch(Runnable call, long batch) {
        long start = System.nanoTime();
        for (long i = 0; i < batch; i++) {
            call.run();
        }
        return System.nanoTime() - start;
    }
}
