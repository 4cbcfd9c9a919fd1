package dev.gillab.experiment;

/**
 * What a cancellable worker shares with the thread that may cancel it: the request, the work
 * the worker has finished, and when the request came and when the worker stopped. The worker
 * counts its work with {@link #progress} and checks {@link #requested()} between pieces; the
 * other thread calls {@link #request()}. Both hold the interpreter lock when they do, as Python
 * code setting and reading a flag would.
 */
public final class Cancellation {

    private volatile boolean requested;
    private volatile long done;
    private volatile long requestedAtNanos;
    private volatile long doneAtRequest;
    private volatile long stoppedAtNanos;

    /** A cancellation requested before the worker starts: it must do nothing. */
    public static Cancellation alreadyRequested() {
        Cancellation c = new Cancellation();
        c.request();
        return c;
    }

    /** Whether the worker has been asked to stop. */
    public boolean requested() {
        return requested;
    }

    /** Asks the worker to stop, noting when, and how much it had done. */
    public void request() {
        requestedAtNanos = System.nanoTime();
        doneAtRequest = done;
        requested = true;
    }

    /** Counts {@code units} of finished work; only the worker calls it. */
    public void progress(long units) {
        done += units;
    }

    /** The worker has stopped, cancelled or finished. */
    public void stopped() {
        stoppedAtNanos = System.nanoTime();
    }

    /** Units of work finished. */
    public long done() {
        return done;
    }

    /** From the request to the worker's stop. */
    public long latencyNanos() {
        return stoppedAtNanos - requestedAtNanos;
    }

    /** Units of work finished after the request: the piece the worker was in, since native code runs to its end. */
    public long doneAfterRequest() {
        return done - doneAtRequest;
    }
}
