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
 * The cost left is the bookkeeping: two clock reads per take/drop pair, a few counter writes,
 * and a thread-local lookup per poll.
 */
final class NoGil extends Gil {

    NoGil(InterpreterConfig config, ThreadRegistry threads, Trace trace) {
        super(LockMode.FREE, config, threads, trace);
    }

    @Override
    boolean acquire(ThreadState ts) {
        return false;
    }

    @Override
    void release(ThreadState ts, DropKind how) {
    }

    @Override
    public void poll() {
        ThreadState ts = threads.current();
        if (ts == null || !ts.holding) {
            throw threads.notHolding("poll()");
        }
        ts.stats.countPoll();
    }

    @Override
    String describe() {
        return "free-threaded: no lock, interval " + switchIntervalMicros + " us, check interval " + checkInterval;
    }
}
