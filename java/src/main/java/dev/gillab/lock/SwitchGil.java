package dev.gillab.lock;

/**
 * The "new GIL" of CPython 3.2 and later ({@code Python/ceval_gil.c}): time-based switching
 * with drop requests and forced switching. The lock itself, and the literal take and drop
 * steps, are in {@link CondvarGil}; this class adds the three rules that make it the new GIL.
 *
 * <h2>1. A waiter asks after one switch interval ({@link #waitTimeoutNanos}, {@link #onWaitTimedOut})</h2>
 *
 * A thread that finds the lock taken waits on the condition with a timeout of one switch
 * interval (default 5 ms, {@code sys.setswitchinterval}, clamped to at least 1 us). If the
 * wait times out and nobody took the lock in the meantime ({@code switch_number} unchanged),
 * it sets the drop-request bit of the holder's eval breaker
 * ({@code _Py_set_eval_breaker_bit(holder, _PY_GIL_DROP_REQUEST_BIT)}; before 3.13 the bit was
 * per interpreter, {@code SET_GIL_DROP_REQUEST}) and goes back to waiting. Why wait at all
 * instead of asking at once: a thread that runs interpreted code should get a defined slice of
 * time (the interval) rather than being evicted by every arrival; "defined" not "guaranteed",
 * since the holder only notices the request at its next poll.
 *
 * <h2>2. The holder drops at its next poll ({@link #dropDue})</h2>
 *
 * The eval loop checks its eval breaker at loop back edges and calls; when the drop-request bit
 * is set it drops the lock ({@code drop_gil}) and immediately asks for it again
 * ({@code take_gil}), which puts it at the back of the queue behind the waiter.
 *
 * <h2>3. Forced switching ({@link #afterDropped})</h2>
 *
 * On a multicore machine the thread that just dropped the lock is still running, while the
 * waiter it woke still has to be scheduled; without help the dropper re-takes the lock first,
 * and the slice it was asked to end goes on. So a thread that drops while a drop request is
 * pending, and is still {@code last_holder}, waits on {@code switch_cond} until another thread
 * has taken the lock. This applies to voluntary releases too (a release that happens to come
 * with a pending request is a hand-off), not to the final release of a leaving thread.
 *
 * <h2>What it does not fix: the convoy effect</h2>
 *
 * A thread coming back from I/O (a voluntary release) asks for the lock like any other: if a
 * CPU-bound thread took it meanwhile, the returning thread waits a full interval before it can
 * even post its request. Every blocking call of an I/O-bound thread then costs up to one
 * interval (bpo-7946). {@link PriorityGil} simulates the cure that was proposed and never
 * adopted.
 */
sealed class SwitchGil extends CondvarGil permits PriorityGil {

    SwitchGil(LockMode mode, InterpreterConfig config, ThreadRegistry threads, Trace trace) {
        super(mode, config, threads, trace);
    }

    @Override
    final long waitTimeoutNanos() {
        return micros(switchIntervalMicros);
    }

    /** Rule 1: the interval ran out with no switch: ask the holder to drop. */
    @Override
    final void onWaitTimedOut(ThreadState ts) {
        postDropRequest(ts, lastHolder);
    }

    /** Rule 2: one volatile read of the holder's own drop-request bit. */
    @Override
    final boolean dropDue(ThreadState h) {
        return h.dropRequest;
    }

    /** Rule 3: a drop with a request pending waits for the hand-off. */
    @Override
    final void afterDropped(ThreadState ts) {
        if (ts.dropRequest) {
            waitUntilAnotherThreadTakesOver(ts);
        }
    }
}
