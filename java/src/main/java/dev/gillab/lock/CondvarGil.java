package dev.gillab.lock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock that threads really wait for: the boolean-plus-condition-variable core that CPython's
 * old and new interpreter locks share, with the places where they differ left as rules for
 * {@link SwitchGil}, {@link PriorityGil} and {@link TicksGil}.
 *
 * <h2>The lock</h2>
 *
 * As in CPython's {@code ceval_gil.c}, the interpreter lock is not a Java lock: it is a boolean,
 * {@code locked}, guarded by a short-lived {@link #mutex}, whose release is announced on a
 * condition, {@link #cond}. The mutex is only ever held for a few instructions, so it is mostly
 * uncontended; the long waits happen on the condition. Two more fields come from CPython:
 * {@link #lastHolder}, the thread that holds or last held the lock, and {@link #switchNumber},
 * which counts the acquisitions that changed {@code lastHolder}.
 *
 * <h2>The lock word, and the uncontended fast path</h2>
 *
 * {@code locked} lives in one atomic {@code long}, {@link #state}, next to two more things:
 * <pre>
 *   bits 63..32  generation: the low 32 bits of switchNumber
 *   bits 31..1   queued: threads inside the slow take path (from locking the mutex to taking the lock)
 *   bit  0       locked
 * </pre>
 * With it, the commonest operation of all, a thread releasing the lock around a native call and
 * taking it back with nobody else around ({@code Py_BEGIN_ALLOW_THREADS} ...
 * {@code Py_END_ALLOW_THREADS} on an idle interpreter), costs one compare-and-set each way
 * instead of two mutexes and a condition:
 * <ul>
 *   <li><b>Fast take</b> ({@link #tryAcquireFast}): if the word says "free, nobody queued" and
 *       we are {@code lastHolder}, set {@code locked} with one CAS. This is exactly what the slow
 *       path would do in that state: nobody to wait for, no switch to count, nobody to signal
 *       on {@code switchCond}. The generation makes the CAS fail if {@code lastHolder} changed
 *       between reading it and the CAS (another thread took and dropped the lock in
 *       between): every change of {@code lastHolder} also changes the generation.</li>
 *   <li><b>Fast drop</b> (in {@link #release}): if nobody is queued, clear {@code locked} with
 *       one CAS: there is nobody to wake.</li>
 *   <li>Anything else takes the slow path, the literal CPython steps below, under the mutex.
 *       A slow taker first adds itself to {@code queued}, which makes every fast CAS fail until
 *       it has the lock: from then on, only threads holding the mutex change the word.</li>
 * </ul>
 * No wake-up can be lost: a waiter registers in {@code queued} (under the mutex) before it
 * checks {@code locked} and sleeps, and the fast drop checks {@code queued} and clears
 * {@code locked} in the same CAS, so either the drop sees the waiter and takes the slow path
 * (which signals under the mutex), or the waiter sees the lock free and takes it. Barging is as
 * in CPython: a thread arriving when the lock is free takes it, even if a woken waiter has not
 * run yet; it merely does so on the slow path when somebody is queued.
 *
 * <h2>take ({@code take_gil}), in {@link #acquire}</h2>
 * <ol>
 *   <li>Lock the mutex. While the lock is not ours to take ({@link #mayTake}; normally: while
 *       {@code locked}), remember {@code switchNumber} and wait on the condition, for at most
 *       {@link #waitTimeoutNanos()}. If the wait timed out, the lock is still held, and
 *       {@code switchNumber} has not moved, apply the mode's time-out rule
 *       ({@link #onWaitTimedOut}: the new lock posts a drop request on the holder). The
 *       {@code switchNumber} check is what stops a waiter from evicting a thread that only just
 *       got the lock: if anybody took it during our interval, that thread gets a full interval
 *       of its own. Loop.</li>
 *   <li>Set {@code locked}. If we are not {@code lastHolder}, become it and increment
 *       {@code switchNumber} (a switch), and signal {@link #switchCond}, under
 *       {@link #switchMutex}: a thread forced to drop may be waiting for exactly this. (CPython
 *       signals on every take; a take that changes nothing can release no waiter, since the
 *       only thread waiting for {@code lastHolder} to change from us would be us.)</li>
 *   <li>Clear our own drop-request bit (a request posted on us during an earlier holding is
 *       stale now), unlock.</li>
 * </ol>
 *
 * <h2>drop ({@code drop_gil}), in {@link #release}</h2>
 * <ol>
 *   <li>Under the mutex, clear {@code locked} and signal the condition: one waiter wakes
 *       ({@link #wakeOne}; which one is up to the condition, as it is up to the OS in CPython).
 *       {@code lastHolder} stays ours.</li>
 *   <li>Then the mode's after-drop rule ({@link #afterDropped}): the new lock's forced switching
 *       ({@link #waitUntilAnotherThreadTakesOver}) makes a thread that was asked to drop wait,
 *       on {@code switchCond}, until another thread has taken the lock. A final drop (the thread
 *       is leaving) never waits.</li>
 * </ol>
 *
 * <h2>Differences from the C code, and why they do not matter</h2>
 * <ul>
 *   <li>CPython waits once on {@code switch_cond} and accepts a spurious wake-up as the end of
 *       the wait; here the wait loops until {@code lastHolder} changes. It always ends: a drop
 *       request is only ever posted by a thread that is waiting for the lock and stays waiting
 *       until it gets it, so some other thread does take it.</li>
 *   <li>{@code switchCond} is signalled with {@code signalAll}: at most one thread normally
 *       waits there, and waking a stale one only makes it re-check.</li>
 *   <li>{@code drop_gil} re-stores {@code last_holder = tstate} before dropping, a fix for
 *       thread states swapped under CPython's feet; a Java thread cannot swap states, so
 *       {@code lastHolder} is already the dropper.</li>
 * </ul>
 *
 * <h2>A holder whose thread ended</h2>
 *
 * A thread that attached (or ensured) and ended without leaving would keep the lock for ever,
 * and everyone else would wait for ever. CPython's thread bootstrap cannot let that happen: it
 * clears and deletes the state of every thread that ends, releasing the lock
 * ({@code Modules/_threadmodule.c}, {@code PyThreadState_Clear} and
 * {@code _PyThreadState_DeleteCurrent}). Here a Java thread can end anywhere, so the waiters
 * look: each time a wait runs out (every switch interval in the switch and priority modes,
 * every {@link #DEAD_HOLDER_CHECK_NANOS} in the ticks mode, whose waits otherwise have no
 * time-out), the waiter checks whether the holder's thread is still alive, and if it is not,
 * releases the lock on its behalf as a final drop ({@link #releaseIfHolderDied}), counted as
 * {@link Counter#DIED_HOLDING} on the dead thread and traced as its final release. Only the
 * waiting path pays for this; the poll and the uncontended take and drop are unchanged.
 *
 * <h2>Interrupts</h2>
 *
 * CPython's threads cannot be interrupted while they wait for the lock: a signal is only
 * handled by the eval loop, which needs the lock. The faithful choice is made here: a thread
 * interrupted while waiting (on {@code cond} or on {@code switchCond}) keeps waiting, with its
 * deadline unchanged, and its interrupt status is set again once it holds the lock, so the
 * first interruptible call it makes afterwards (a blocking call) sees it. Interrupts are
 * counted ({@link Counter#INTERRUPTS}); the lock's state never depends on them.
 *
 * <h2>Virtual threads</h2>
 *
 * Waiting uses {@link ReentrantLock} and {@link Condition}, never {@code synchronized} or
 * {@link Object#wait()}, so a virtual thread that waits for the lock unmounts and frees its
 * carrier. Two things no lock can change: a virtual thread inside a native call pins its
 * carrier for the whole call (JEP 444), and virtual threads are not time-sliced, so with fewer
 * carriers than running simulated threads a waiter's time-out can only fire once a carrier is
 * free: the drop request that relies on it comes late, exactly as it would on an overloaded
 * machine.
 *
 * <h2>The poll</h2>
 *
 * {@link #holderId} is the {@linkplain Thread#threadId() id} of the holder's thread while
 * {@code locked}, and 0 otherwise; it is volatile so that {@link #poll()} can check ownership
 * without the mutex: one volatile read, one comparison with the calling thread's id, then the
 * mode's {@link #dropDue} rule on {@code lastHolder}, which is the caller itself when the ids
 * match (the caller wrote both, in that order). Only the holder writes it (its id after taking,
 * 0 before dropping), with release stores: a thread can never read its own id there unless it
 * holds the lock. It is an id rather than a reference on purpose: the garbage collector's write
 * barrier for a reference stored into a long-lived object costs a memory fence, as much as the
 * compare-and-set of the whole fast path, and a {@code long} store has no barrier.
 */
abstract sealed class CondvarGil extends Gil permits SwitchGil, TicksGil {

    /** {@link #waitTimeoutNanos()} for "wait until signalled". */
    static final long NO_TIMEOUT = -1;
    /**
     * How long a wait lasts, in a mode whose waits have no time-out of their own, before the
     * waiter checks whether the holder's thread has ended holding the lock.
     */
    static final long DEAD_HOLDER_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final VarHandle STATE;
    private static final VarHandle HOLDER_ID;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(CondvarGil.class, "state", long.class);
            HOLDER_ID = lookup.findVarHandle(CondvarGil.class, "holderId", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@link #state}: {@code gil->locked}. */
    private static final long LOCKED = 1;
    /** {@link #state}: one thread in the slow take path. */
    private static final long QUEUED_ONE = 2;
    private static final long QUEUED_MASK = 0xFFFF_FFFEL;
    /** {@link #state}: one more switch. */
    private static final long GENERATION_ONE = 1L << 32;

    /**
     * {@code gil->mutex}: guards the slow paths' changes of {@link #state}, {@link #switchNumber},
     * {@link #waiters} and the modes' own fields.
     */
    final ReentrantLock mutex = new ReentrantLock();
    /** {@code gil->cond}: signalled (one waiter) each time the lock is dropped. */
    private final Condition cond = mutex.newCondition();
    /** {@code gil->switch_mutex}: guards {@link #lastHolder} writes together with {@link #mutex}. */
    private final ReentrantLock switchMutex = new ReentrantLock();
    /** {@code gil->switch_cond}: signalled each time the lock is taken. */
    private final Condition switchCond = switchMutex.newCondition();

    /**
     * The lock word: generation, queued, locked (see the class comment). Changed by CAS on the
     * fast paths, and only under {@link #mutex} while anybody is queued.
     */
    private volatile long state;
    /**
     * {@code gil->last_holder}: who holds or last held the lock. Written under both mutexes, by a
     * slow taker, before it publishes the new generation in {@link #state}; read under either, and
     * by the fast take after reading {@link #state}.
     */
    ThreadState lastHolder;
    /** {@code gil->switch_number}. Written under both mutexes; volatile for diagnostics. */
    private volatile long switchNumber;
    /**
     * The holder's thread id while {@code locked}, else 0 (no thread has id 0). Written by the
     * holder (release stores); read by {@link #poll()}.
     */
    private volatile long holderId;
    /** Threads inside the wait loop. Written under {@link #mutex}; volatile for diagnostics. */
    private volatile int waiters;

    CondvarGil(LockMode mode, InterpreterConfig config, ThreadRegistry threads, Trace trace) {
        super(mode, config, threads, trace);
    }

    // ---------------------------------------------------------------------------------------
    // take_gil

    @Override
    final boolean tryAcquireFast(ThreadState ts) {
        long s = state;
        if ((s & (LOCKED | QUEUED_MASK)) != 0 || lastHolder != ts
                || !STATE.compareAndSet(this, s, s | LOCKED)) {
            return false;
        }
        // No drop request can be pending: requests are only posted on the holder, and a drop
        // with one pending clears it (forced switching) or hands lastHolder to someone else.
        HOLDER_ID.setRelease(this, ts.id);
        return true;
    }

    @Override
    final boolean acquire(ThreadState ts) {
        boolean waited = false;
        mutex.lock();
        STATE.getAndAdd(this, QUEUED_ONE);
        boolean taken = false;
        try {
            onRequest(ts);
            if (!mayTake(ts)) {
                waited = true;
                waiters++;
                onWaitStart(ts);
                try {
                    do {
                        long savedSwitchNumber = switchNumber;
                        long timeout = waitTimeoutNanos();
                        boolean timedOut = await(waitCondition(ts), timeout == NO_TIMEOUT ? DEAD_HOLDER_CHECK_NANOS
                                : timeout, ts);
                        if (timedOut && releaseIfHolderDied()) {
                            continue;
                        }
                        if (timedOut && timeout != NO_TIMEOUT) {
                            ts.stats.add(Counter.WAIT_TIMEOUTS, 1);
                            if (isLocked() && switchNumber == savedSwitchNumber) {
                                onWaitTimedOut(ts);
                            }
                        } else if (!timedOut && !mayTake(ts)) {
                            ts.stats.add(Counter.FUTILE_WAKEUPS, 1);
                        }
                    } while (!mayTake(ts));
                } finally {
                    waiters--;
                    onWaitEnd(ts);
                }
            }
            boolean switched = lastHolder != ts;
            if (switched) {
                switchMutex.lock();
                try {
                    lastHolder = ts;
                    switchNumber++;
                    ts.stats.add(Counter.SWITCHES, 1);
                    switchCond.signalAll();
                } finally {
                    switchMutex.unlock();
                }
            }
            // Locked, one fewer queued, and a new generation if lastHolder changed: one atomic step.
            STATE.getAndAdd(this, LOCKED - QUEUED_ONE + (switched ? GENERATION_ONE : 0));
            taken = true;
            HOLDER_ID.setRelease(this, ts.id);
            ts.dropRequest = false;
        } finally {
            if (!taken) {
                STATE.getAndAdd(this, -QUEUED_ONE);
            }
            mutex.unlock();
        }
        if (ts.interruptPending) {
            ts.interruptPending = false;
            Thread.currentThread().interrupt();
        }
        return waited;
    }

    /**
     * Under the mutex, after a wait ran out: if the holder's thread has ended (it attached, or
     * ensured, and never gave the lock back), releases the lock on its behalf, as a final drop,
     * and wakes a waiter; returns whether it did. Only waiting threads look, and only when a
     * wait runs out, so the paths that do not wait pay nothing for it.
     */
    private boolean releaseIfHolderDied() {
        ThreadState holder = holderUnderMutex();
        if (holder == null || holder.thread.isAlive()) {
            return false;
        }
        recordDeath(holder);
        HOLDER_ID.setRelease(this, 0L);
        STATE.getAndAdd(this, -LOCKED);
        onDropped(holder, DropKind.FINAL);
        wakeOne();
        return true;
    }

    /**
     * Waits on {@code c} (the caller holds {@link #mutex}) for at most {@code timeoutNanos}
     * ({@link #NO_TIMEOUT}: until signalled), ignoring interrupts: an interrupt is noted and the
     * wait goes on until the same deadline. Returns true if the time ran out.
     */
    private static boolean await(Condition c, long timeoutNanos, ThreadState ts) {
        if (Thread.interrupted()) {
            noteInterrupt(ts);
        }
        if (timeoutNanos == NO_TIMEOUT) {
            while (true) {
                try {
                    c.await();
                    return false;
                } catch (InterruptedException e) {
                    noteInterrupt(ts);
                }
            }
        }
        long deadline = System.nanoTime() + timeoutNanos;
        long remaining = timeoutNanos;
        while (true) {
            try {
                return !c.await(remaining, TimeUnit.NANOSECONDS); // false only if no signal came
            } catch (InterruptedException e) {
                noteInterrupt(ts);
                remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return true;
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // drop_gil

    @Override
    final void release(ThreadState ts, DropKind how) {
        HOLDER_ID.setRelease(this, 0L);
        long s = state;
        if ((s & QUEUED_MASK) == 0 && STATE.compareAndSet(this, s, s & ~LOCKED)) {
            onDropped(ts, how); // nobody queued: nobody to wake
        } else {
            mutex.lock();
            try {
                STATE.getAndAdd(this, -LOCKED);
                onDropped(ts, how);
                wakeOne();
            } finally {
                mutex.unlock();
            }
        }
        if (how != DropKind.FINAL) {
            afterDropped(ts);
        }
    }

    /**
     * {@code FORCE_SWITCHING}: if nobody has taken the lock since {@code ts} dropped it, clear
     * its drop request and wait until somebody does. Interrupts are kept for later, as in
     * {@link #acquire}.
     */
    final void waitUntilAnotherThreadTakesOver(ThreadState ts) {
        switchMutex.lock();
        try {
            if (lastHolder == ts) {
                ts.dropRequest = false;
                ts.stats.add(Counter.SWITCH_WAITS, 1);
                while (lastHolder == ts) {
                    switchCond.awaitUninterruptibly(); // sets the interrupt status again on return
                }
            }
        } finally {
            switchMutex.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------
    // The eval breaker

    @Override
    public final void poll() {
        ThreadState h = callerIfHolding();
        if (h == null) {
            throw threads.notHolding("poll()");
        }
        h.stats.countPoll();
        if (dropDue(h)) {
            drop(h, DropKind.FORCED);
            take(h);
        }
    }

    /** One volatile read and a comparison: the holder, if it is the calling thread. */
    @Override
    final ThreadState callerIfHolding() {
        long id = holderId;
        return id != 0 && id == Thread.currentThread().threadId() ? lastHolder : null;
    }

    // ---------------------------------------------------------------------------------------
    // The rules. Defaults are the plain lock: take it when it is free, wait on cond.

    /** Called under the mutex when {@code ts} starts asking for the lock. */
    void onRequest(ThreadState ts) {
    }

    /** Under the mutex: may {@code ts} take the lock now? */
    boolean mayTake(ThreadState ts) {
        return !isLocked();
    }

    /** {@code gil->locked}. Stable under the mutex while the caller is queued. */
    final boolean isLocked() {
        return (state & LOCKED) != 0;
    }

    /** Under the mutex: the condition {@code ts} waits on. */
    Condition waitCondition(ThreadState ts) {
        return cond;
    }

    /** Called under the mutex when {@code ts} enters and leaves the wait loop. */
    void onWaitStart(ThreadState ts) {
    }

    void onWaitEnd(ThreadState ts) {
    }

    /** How long one wait lasts before {@link #onWaitTimedOut}, in nanoseconds, or {@link #NO_TIMEOUT}. */
    abstract long waitTimeoutNanos();

    /** Under the mutex: a wait ran out, the lock is still held and nobody took it meanwhile. */
    void onWaitTimedOut(ThreadState ts) {
    }

    /**
     * By the dropping thread, just after {@code locked} was cleared: under the mutex, or without
     * it when nobody was queued (then no other thread reads what this writes until the dropper
     * holds the lock again).
     */
    void onDropped(ThreadState ts, DropKind how) {
    }

    /** Under the mutex: wake one waiter ({@code COND_SIGNAL(gil->cond)}). */
    void wakeOne() {
        cond.signal();
    }

    /** After a non-final drop, outside the mutex. */
    void afterDropped(ThreadState ts) {
    }

    /** At a poll by the holder {@code h}: must it drop the lock now? May update the mode's counters. */
    abstract boolean dropDue(ThreadState h);

    // ---------------------------------------------------------------------------------------

    /** Under the mutex: the current holder (null when free). */
    final ThreadState holderUnderMutex() {
        return isLocked() ? lastHolder : null;
    }

    @Override
    final long switchNumber() {
        return switchNumber;
    }

    @Override
    final int waiters() {
        return waiters;
    }

    @Override
    String describe() {
        ThreadState last = lastHolder;
        ThreadState h = holderId != 0 ? last : null;
        return mode.id() + " lock: " + (h == null ? "free" : "held by " + h)
                + ", last holder " + (last == null ? "none" : last)
                + ", switch number " + switchNumber + ", " + waiters + " waiting"
                + (h != null && h.dropRequest ? ", drop requested" : "")
                + ", interval " + switchIntervalMicros + " us, check interval " + checkInterval;
    }

    /** Converts the switch interval to a wait time; the interval is >= 1 us by construction. */
    static long micros(long us) {
        return TimeUnit.MICROSECONDS.toNanos(us);
    }
}
