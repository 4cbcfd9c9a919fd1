package dev.gillab.stdlib;

import dev.gillab.experiment.Row;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One map of a pool of workers with their own locks ({@link ProcessPool}, {@link InterpreterPool})
 * measured, as {@link TimedMap} measures a thread pool's: the pool's start apart from the map, the
 * wall time of the map, and from the workers' own reports ({@link PoolResult}) their CPU time,
 * their locks' figures and the share of each round trip spent outside the computation (encoding,
 * the hand-over, decoding): the copying.
 *
 * @param results    the map's results, in the order of the tasks
 * @param workers    the pool's size
 * @param startNanos from launching the workers to every one having said hello
 * @param wallNanos  the map alone
 * @param <R>        the results' type
 */
public record TimedPoolMap<R>(List<PoolResult<R>> results, int workers, long startNanos, long wallNanos) {

    public TimedPoolMap {
        results = List.copyOf(results);
    }

    /**
     * Starts a pool of {@code workers} with {@code start}, times its start, then times
     * {@code map} on it, and closes it.
     */
    public static <P extends AutoCloseable, R> TimedPoolMap<R> measure(int workers, Supplier<P> start,
                                                                      Function<P, List<PoolResult<R>>> map) {
        long before = System.nanoTime();
        try (P pool = start.get()) {
            long started = System.nanoTime();
            List<PoolResult<R>> results = map.apply(pool);
            return new TimedPoolMap<>(results, workers, started - before, System.nanoTime() - started);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException("closing the pool failed", e);
        }
    }

    /** The results' values, in the order of the tasks. */
    public List<R> values() {
        return results.stream().map(PoolResult::value).toList();
    }

    /** The workers' CPU time over the map's wall time: about the number of workers when they ran at once. */
    public double parallelism() {
        return results.stream().mapToLong(PoolResult::cpuNanos).sum() / (double) wallNanos;
    }

    /** The share of the tasks' round trips not spent computing. */
    public double copyingShare() {
        long overhead = results.stream().mapToLong(PoolResult::overheadNanos).sum();
        long roundTrips = results.stream().mapToLong(PoolResult::roundTripNanos).sum();
        return (double) overhead / roundTrips;
    }

    /** Bytes sent and received per task, on average: 0 when every argument and result was shared. */
    public double bytesPerTask() {
        return results.stream().mapToLong(r -> r.bytesSent() + r.bytesReceived()).sum() / (double) results.size();
    }

    /** Switches of the workers' locks during the computations, summed. */
    public long switches() {
        return results.stream().mapToLong(PoolResult::switches).sum();
    }

    /**
     * A row of a lesson's table: the map's wall time, speedup against {@code baselineWallNanos},
     * the workers' lock figures, and the columns CPU/wall, start ms, KiB/task and copying.
     */
    public Row row(String label, long baselineWallNanos) {
        long forcedDrops = results.stream().mapToLong(PoolResult::forcedDrops).sum();
        long lockWait = results.stream().mapToLong(PoolResult::lockWaitNanos).sum();
        return new Row(label, workers, wallNanos / 1e6, (double) baselineWallNanos / wallNanos, switches(),
                forcedDrops, lockWait / ((double) workers * wallNanos), Map.of())
                .with("CPU/wall", String.format(Locale.ROOT, "%.2f", parallelism()))
                .with("start ms", String.format(Locale.ROOT, "%.1f", startNanos / 1e6))
                .with("KiB/task", String.format(Locale.ROOT, "%.1f", bytesPerTask() / 1024))
                .with("copying", String.format(Locale.ROOT, "%.0f%%", 100 * copyingShare()));
    }
}
