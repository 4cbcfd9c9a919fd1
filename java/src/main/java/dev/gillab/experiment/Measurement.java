package dev.gillab.experiment;

import dev.gillab.lock.LockStats;
import dev.gillab.lock.Trace;

/**
 * What one {@link ThreadedRun} measured.
 *
 * @param threads   how many threads ran
 * @param wallNanos from the start gate opening to the last thread finishing
 * @param cpuNanos  CPU time of the threads, summed (user + system, from the JVM's thread CPU clock)
 * @param stats     the interpreter lock's statistics over the run
 * @param trace     the interpreter's event trace (empty unless tracing was on)
 */
public record Measurement(int threads, long wallNanos, long cpuNanos, LockStats stats, Trace trace) {

    /** Time spent waiting for the lock, as a share of all threads' wall time. */
    public double waitShare() {
        return (double) stats.total().waitedNanos() / ((double) threads * wallNanos);
    }

    /** CPU time over wall time: about 1 when the threads ran one at a time, about N when N ran at once. */
    public double parallelism() {
        return (double) cpuNanos / wallNanos;
    }
}
