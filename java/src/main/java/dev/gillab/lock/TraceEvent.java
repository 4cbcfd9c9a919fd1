package dev.gillab.lock;

/**
 * One recorded lock event. Times are nanoseconds since the interpreter was created
 * ({@link System#nanoTime()} based).
 *
 * @param sequence   the order of recording across all threads (0, 1, 2, ...)
 * @param nanos      when it happened, nanoseconds since the interpreter started
 * @param kind       what happened
 * @param threadId   the acting thread ({@link Thread#threadId()})
 * @param threadName the acting thread's name
 * @param drop       for {@link Kind#RELEASED}: how; otherwise null
 * @param peerId     for {@link Kind#DROP_REQUEST}: the holder asked to drop; otherwise 0
 * @param peerName   for {@link Kind#DROP_REQUEST}: the holder's name; otherwise null
 */
public record TraceEvent(long sequence, long nanos, Kind kind, long threadId, String threadName,
                         DropKind drop, long peerId, String peerName) {

    public enum Kind {
        /** The thread asked for the lock (start of waiting). */
        REQUEST,
        /** The thread took the lock (start of holding). */
        ACQUIRED,
        /** The thread, waiting, asked the holder ({@link #peerId}) to drop the lock. */
        DROP_REQUEST,
        /** The thread gave the lock up ({@link #drop} says how). */
        RELEASED,
        /** A blocking call started (the lock is already released). */
        BLOCKING_BEGIN,
        /** A blocking call ended (the lock is not yet taken again). */
        BLOCKING_END,
        /**
         * A free interpreter's lock came back: the acting thread loaded an extension that has not
         * declared itself safe without it (see {@link LockStats#gilEnabled()} for which one).
         */
        GIL_ENABLED
    }

    @Override
    public String toString() {
        String s = String.format("%,14d ns  #%-6d %-14s %s", nanos, sequence, kind, threadName);
        if (drop != null) {
            s += " (" + drop.name().toLowerCase() + ")";
        }
        if (peerName != null) {
            s += " -> " + peerName;
        }
        return s;
    }
}
