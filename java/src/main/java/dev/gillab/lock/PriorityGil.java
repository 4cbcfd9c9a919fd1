package dev.gillab.lock;

import java.util.concurrent.locks.Condition;

/**
 * David Beazley's proposed cure for the convoy effect (PyCon 2010, "Understanding the Python
 * GIL"; discussed on bpo-7946), never adopted by CPython: the new GIL of {@link SwitchGil} plus
 * two thread classes, as an operating system's multilevel feedback queue would have them.
 *
 * <h2>Classes</h2>
 * <ul>
 *   <li>Every thread starts <em>I/O-bound</em>.</li>
 *   <li>A thread forced to drop the lock (its slice ran out) becomes <em>CPU-bound</em>
 *       ({@link #onDropped}).</li>
 *   <li>A thread that releases voluntarily (a blocking call, a native call, the end of an
 *       {@code ensure()}) becomes I/O-bound again.</li>
 * </ul>
 *
 * <h2>Rules on top of the new GIL</h2>
 * <ol>
 *   <li><b>Immediate preemption</b> ({@link #onRequest}): when an I/O-bound thread asks for the
 *       lock while a CPU-bound thread holds it, the drop request is posted at once instead of
 *       after one switch interval. The holder drops at its next poll, and forced switching
 *       hands the lock over. This is the cure: the thread returning from I/O no longer pays an
 *       interval per blocking call.</li>
 *   <li><b>I/O-bound waiters go first</b> ({@link #mayTake}, {@link #wakeOne}): I/O-bound
 *       waiters wait on their own condition, a drop wakes one of them in preference, and a
 *       CPU-bound thread does not take a free lock while an I/O-bound one waits. Without this the
 *       drop that the I/O thread asked for could wake a CPU-bound waiter instead, and the I/O
 *       thread would wait an interval after all.</li>
 * </ol>
 * Everything else is the new GIL: CPU-bound threads among themselves switch every interval,
 * and an I/O-bound holder is asked to drop after an interval like anyone else (and becomes
 * CPU-bound by being forced). The price, which is why the idea needs measuring: a steady
 * stream of I/O-bound requests can starve CPU-bound threads.
 */
final class PriorityGil extends SwitchGil {

    /** I/O-bound waiters wait here; CPU-bound ones on the inherited condition. Guarded by the mutex. */
    private final Condition ioCond = mutex.newCondition();
    /** I/O-bound threads in the wait loop. Guarded by the mutex. */
    private int ioWaiters;

    PriorityGil(InterpreterConfig config, ThreadRegistry threads, Trace trace) {
        super(LockMode.PRIORITY, config, threads, trace);
    }

    /** Rule 1: an I/O-bound thread preempts a CPU-bound holder at once. */
    @Override
    void onRequest(ThreadState ts) {
        ThreadState h = holderUnderMutex();
        if (h != null && ts.ioBound && !h.ioBound && !h.dropRequest) {
            postDropRequest(ts, h);
        }
    }

    /** Rule 2: a CPU-bound thread leaves a free lock to a waiting I/O-bound thread. */
    @Override
    boolean mayTake(ThreadState ts) {
        return !isLocked() && (ts.ioBound || ioWaiters == 0);
    }

    @Override
    Condition waitCondition(ThreadState ts) {
        return ts.ioBound ? ioCond : super.waitCondition(ts);
    }

    @Override
    void onWaitStart(ThreadState ts) {
        if (ts.ioBound) {
            ioWaiters++;
        }
    }

    @Override
    void onWaitEnd(ThreadState ts) {
        if (ts.ioBound) {
            ioWaiters--;
        }
    }

    /** Rule 2: a drop wakes an I/O-bound waiter if there is one. */
    @Override
    void wakeOne() {
        if (ioWaiters > 0) {
            ioCond.signal();
        } else {
            super.wakeOne();
        }
    }

    /** The classes: forced means CPU-bound, anything else I/O-bound. */
    @Override
    void onDropped(ThreadState ts, DropKind how) {
        ts.ioBound = how != DropKind.FORCED;
    }

    @Override
    String describe() {
        return super.describe() + ", " + ioWaiters + " I/O-bound waiting";
    }
}
