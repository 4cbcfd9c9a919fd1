package dev.gillab.lock;

/**
 * Free-threaded CPython (PEP 703; experimental in 3.13, supported in 3.14 per PEP 779): there is
 * no interpreter lock. Objects protect themselves (biased reference counting, per-object
 * mutexes, "critical sections"), so any number of threads run interpreted code at once.
 *
 * <p>Here: taking and dropping never wait and exclude nobody; a poll only checks that the
 * caller is in a holding state (attached, not inside a released region: the API's rules stay
 * the same, as they do in the free-threaded build, where {@code Py_BEGIN_ALLOW_THREADS} still
 * detaches the thread state) and counts. The statistics and the trace still record every
 * acquisition and release, so a free run can be compared with a locked one event for event.
 * The cost left is the bookkeeping: a few counter writes per take/drop pair (the holdings are
 * timed on a sample, as uncontended ones are in every mode; see {@code ThreadStats}), and,
 * per poll, finding the calling thread's state: one slot of a small cache
 * ({@link ThreadRegistry#current()}).
 */
final class NoGil extends Gil {

    NoGil(InterpreterConfig config, ThreadRegistry threads, Trace trace) {
        super(LockMode.FREE, config, threads, trace);
    }

    /** Nothing to take: every take is uncontended. */
    @Override
    boolean tryAcquireFast(ThreadState ts) {
        return true;
    }

    @Override
    boolean acquire(ThreadState ts) {
        throw new IllegalStateException("free mode never takes the slow path");
    }

    @Override
    void release(ThreadState ts, DropKind how) {
    }

    @Override
    public void poll() {
        ThreadState ts = callerIfHolding();
        if (ts == null) {
            throw threads.notHolding("poll()");
        }
        ts.stats.countPoll();
    }

    /** No single holder to look at: the calling thread's own state. */
    @Override
    ThreadState callerIfHolding() {
        ThreadState ts = threads.current();
        return ts != null && ts.holding ? ts : null;
    }

    @Override
    String describe() {
        return "free-threaded: no lock, interval " + switchIntervalMicros + " us, check interval " + checkInterval;
    }
}
