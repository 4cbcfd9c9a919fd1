package dev.gillab.stdlib;

import dev.gillab.experiment.Row;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@link ProcessPool#map} measured, as {@link TimedMap} measures a thread pool's: the pool's
 * start apart from the map, the wall time of the map, and from the workers' own reports
 * ({@link PoolResult}) their CPU time, their locks' figures and the share of each round trip
 * spent outside the computation (encoding, both pipes, decoding): the copying.
 *
 * @param results    the map's results, in the order of the tasks
 * @param workers    the pool's size
 * @param startNanos from launching the workers to every one having said hello
 * @param wallNanos  the map alone
 * @param <R>        the results' type
 */
public record TimedProcessMap<R>(List<PoolResult<R>> results, int workers, long startNanos, long wallNanos) {

    public TimedProcessMap {
        results = List.copyOf(results);
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
        long bytes = results.stream().mapToLong(r -> r.bytesSent() + r.bytesReceived()).sum();
        return new Row(label, workers, wallNanos / 1e6, (double) baselineWallNanos / wallNanos, switches(),
                forcedDrops, lockWait / ((double) workers * wallNanos), Map.of())
                .with("CPU/wall", String.format(Locale.ROOT, "%.2f", parallelism()))
                .with("start ms", String.format(Locale.ROOT, "%.1f", startNanos / 1e6))
                .with("KiB/task", String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / results.size()))
                .with("copying", String.format(Locale.ROOT, "%.0f%%", 100 * copyingShare()));
    }
}
