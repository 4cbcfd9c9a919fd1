package dev.gillab.lock;

/**
 * The "old GIL" of CPython 3.1 and earlier (2.x's {@code ceval.c} and
 * {@code thread_pthread.h}): a plain lock plus a tick counter, and no scheduling at all.
 *
 * <h2>The algorithm</h2>
 *
 * The lock is a binary semaphore: a boolean under a mutex, and a condition that a release
 * signals ({@link CondvarGil}'s core, with no timeout: a waiter waits until it is woken, and
 * never asks anybody for anything). The eval loop decrements a global counter,
 * {@code _Py_Ticker}, at every check; when it runs out (every {@code _Py_CheckInterval} = 100
 * "ticks", roughly bytecodes, {@code sys.setcheckinterval}) the holder resets it and does
 * <pre>{@code
 * PyThread_release_lock(interpreter_lock);
 * // Other threads may run now
 * PyThread_acquire_lock(interpreter_lock, 1);
 * }</pre>
 * Release, then immediately acquire: no hand-off, no fairness, no wait for anybody.
 *
 * <h2>Why it fails on multicore machines: the "GIL battle"</h2>
 *
 * The release signals a waiter, but the releasing thread is already running and goes straight
 * on to re-acquire, which it usually does before the woken waiter is even scheduled. The waiter
 * then wakes up, finds the lock taken, and sleeps again: a wasted wake-up
 * ({@link Counter#FUTILE_WAKEUPS}), and the holder's slice goes on indefinitely. Beazley
 * measured two CPU-bound threads running 1.8x slower than one on two cores. Here the same
 * thing happens for the same reason: the re-acquire takes the mutex while the woken waiter is
 * still being unparked. The statistics show it: many forced drops, few switches, many futile
 * wake-ups.
 *
 * <h2>Details</h2>
 *
 * The ticker is per lock, as {@code _Py_Ticker} was global, and only the holder's polls touch
 * it, so it needs no synchronisation of its own (taking and dropping the lock, atomic operations
 * on its state word, order it between holders).
 * It fires exactly every {@code checkInterval} polls, as {@code sys.setcheckinterval}
 * documents ("every N instructions"); CPython 2's {@code if (--_Py_Ticker < 0)} actually fired
 * one tick later. A new check interval applies from the ticker's next reset, as in CPython.
 * There are no drop requests, so the forced switching of the new lock never applies.
 */
final class TicksGil extends CondvarGil {

    /** {@code _Py_Ticker}: polls left before the next forced release. Touched only by the holder's polls. */
    private int ticker;

    TicksGil(InterpreterConfig config, ThreadRegistry threads, Trace trace) {
        super(LockMode.TICKS, config, threads, trace);
        this.ticker = config.checkInterval();
    }

    /** Waiters wait until a release wakes them. */
    @Override
    long waitTimeoutNanos() {
        return NO_TIMEOUT;
    }

    /** Every {@code checkInterval} polls: release and re-acquire. */
    @Override
    boolean dropDue(ThreadState h) {
        if (--ticker > 0) {
            return false;
        }
        ticker = checkInterval;
        return true;
    }
}
