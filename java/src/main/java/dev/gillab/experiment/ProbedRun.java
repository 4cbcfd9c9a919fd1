package dev.gillab.experiment;

import dev.gillab.kernel.Kernels;
import dev.gillab.lock.Interpreter;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link ThreadedRun} of one native call repeated in an interpreted loop ({@link CallLoop}),
 * with an {@link InFlightProbe} between the lock and the native code: the experiment behind
 * the lessons on holding and releasing the lock around a long native call. It measures what
 * the threaded run does, and counts how many calls ran at once.
 *
 * @param measurement  the threaded run
 * @param calls        native calls made, by all threads
 * @param maxInFlight  the most native calls in flight at the same moment
 * @param overlapNanos wall time during which two or more native calls were in flight
 */
public record ProbedRun(Measurement measurement, long calls, int maxInFlight, long overlapNanos) {

    /**
     * Runs {@code threads} threads, each making {@code callsPerThread} calls.
     *
     * @param interpreter    a fresh interpreter for this run
     * @param nativeKernels  the binding's kernels, to probe
     * @param underLock      how the probed kernels meet the lock, e.g. {@code KernelsUnderLock::releasing}
     * @param prefix         the threads' name prefix
     * @param prepare        the call to repeat, prepared from the kernels under the lock, e.g.
     *                       {@code k -> Kernel.MANDELBROT.prepare(k, 256, 500)}
     */
    public static ProbedRun run(Interpreter interpreter, Kernels nativeKernels,
                                BiFunction<Interpreter, Kernels, Kernels> underLock, int threads, long callsPerThread,
                                String prefix, Function<Kernels, Supplier<Object>> prepare) {
        InFlightProbe probe = new InFlightProbe(nativeKernels);
        Supplier<Object> call = prepare.apply(underLock.apply(interpreter, probe));
        Measurement m = ThreadedRun.run(interpreter, threads, prefix,
                i -> CallLoop.repeat(interpreter, callsPerThread, c -> call.get()));
        return new ProbedRun(m, probe.calls(), probe.maxInFlight(), probe.overlapNanos());
    }

    /** Wall time per call, all threads together: the inverse of the run's throughput. */
    public double wallNanosPerCall() {
        return (double) measurement.wallNanos() / calls;
    }

    /** The share of the run's wall time during which two or more native calls were in flight. */
    public double overlapShare() {
        return (double) overlapNanos / measurement.wallNanos();
    }

    /**
     * The run as a table row, its speedup taken against a baseline's wall time per call (so runs
     * that made different numbers of calls compare fairly), with the probe's columns and the
     * longest wait for the lock.
     */
    public Row row(String label, double baselineWallNanosPerCall) {
        return Row.of(label, measurement, Math.round(baselineWallNanosPerCall * calls))
                .with("CPU/wall", String.format(Locale.ROOT, "%.2f", measurement.parallelism()))
                .with("max in flight", Integer.toString(maxInFlight))
                .with("overlap", String.format(Locale.ROOT, "%.0f%%", 100 * overlapShare()))
                .with("longest wait", Units.nanos(measurement.stats().waits().maxNanos()));
    }
}
