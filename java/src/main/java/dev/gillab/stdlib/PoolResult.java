package dev.gillab.stdlib;

/**
 * A task's result from a {@link ProcessPool}, with what it cost to get it.
 *
 * @param value          the result, as computed by the worker
 * @param worker         which worker computed it (0, 1, ...)
 * @param bytesSent      the request frame's size: arguments plus header
 * @param bytesReceived  the reply frame's size: result plus header
 * @param roundTripNanos from encoding the request to having decoded the reply, measured here
 * @param cpuNanos       the worker thread's CPU time during the computation, measured by the worker
 * @param computeNanos   the computation's wall time, measured by the worker
 * @param switches       lock switches in the worker's interpreter during the computation
 * @param forcedDrops    forced drops of the worker's lock during the computation
 * @param lockWaitNanos  time the worker waited for its own lock during the computation
 * @param <R>            the result's type
 */
public record PoolResult<R>(R value, int worker, long bytesSent, long bytesReceived, long roundTripNanos,
                            long cpuNanos, long computeNanos, long switches, long forcedDrops, long lockWaitNanos) {

    /** Everything but the computation: encoding, both pipes, decoding and the worker's bookkeeping. */
    public long overheadNanos() {
        return roundTripNanos - computeNanos;
    }
}
