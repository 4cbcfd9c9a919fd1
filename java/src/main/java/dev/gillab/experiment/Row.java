package dev.gillab.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of a lesson's table: one configuration (a thread count, a mode, a size...) and
 * what it measured. The standard columns come from a {@link Measurement}; a lesson adds its
 * own with {@link #with(String, String)}.
 *
 * @param label       what was run, e.g. "2 threads" or "released, 4 KiB"
 * @param threads     how many threads
 * @param wallMillis  wall-clock time of the whole configuration, ms
 * @param speedup     the lesson's baseline wall time divided by this one's (same total work)
 * @param switches    hand-offs of the lock between threads
 * @param forcedDrops times a holder was made to drop the lock
 * @param waitShare   time spent waiting for the lock, as a share of threads x wall time
 * @param extra       lesson-specific columns, in order
 */
public record Row(String label, int threads, double wallMillis, double speedup, long switches, long forcedDrops,
                  double waitShare, Map<String, String> extra) {

    public Row {
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** The standard columns of a measurement, against a baseline wall time for the speedup. */
    public static Row of(String label, Measurement m, long baselineWallNanos) {
        return new Row(label, m.threads(), m.wallNanos() / 1e6, (double) baselineWallNanos / m.wallNanos(),
                m.stats().total().switches(), m.stats().total().forcedDrops(), m.waitShare(), Map.of());
    }

    /** This row with one more column. */
    public Row with(String column, String value) {
        Map<String, String> more = new LinkedHashMap<>(extra);
        more.put(column, value);
        return new Row(label, threads, wallMillis, speedup, switches, forcedDrops, waitShare, more);
    }
}
