package dev.gillab.lock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;

/**
 * One simulated thread's state in one interpreter: CPython's {@code PyThreadState}, as far as
 * the lock is concerned. It exists from the thread's first {@code attach()}/{@code ensure()}
 * to the matching {@code detach()}/close.
 *
 * <p>Who may touch what is stated per field. "Owner" means the Java thread this state belongs
 * to; "mutex" means the {@link CondvarGil}'s mutex.
 */
final class ThreadState {

    private static final VarHandle HOLDING;

    static {
        try {
            HOLDING = MethodHandles.lookup().findVarHandle(ThreadState.class, "holding", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread thread;
    /** {@link Thread#threadId()} of {@link #thread}: the trace's track id. */
    final long id;
    final String name;
    /** Lives as long as the interpreter, across attach/detach cycles of the same thread. */
    final ThreadStats stats;

    /**
     * The eval breaker's drop-request bit ({@code _PY_GIL_DROP_REQUEST_BIT} on this thread's
     * {@code eval_breaker}): set by a waiter (under the mutex) while this thread holds the lock,
     * cleared by the owner when it takes the lock or starts a forced-switch wait. Volatile: the
     * holder's poll reads it without the mutex.
     */
    volatile boolean dropRequest;

    /**
     * Whether the owner holds the lock (is running interpreted code). Written by the owner at
     * take/drop only, with release stores (no fence: other threads read it for diagnostics).
     */
    volatile boolean holding;

    /**
     * Free mode only: whether the owner's current holding is a free one (taken while the free
     * interpreter had no lock), so that its drop gives back nothing. Owner only.
     */
    boolean heldFreely;

    /**
     * Priority mode only: I/O-bound (true) or CPU-bound. Every thread starts I/O-bound; a
     * forced drop makes it CPU-bound, a voluntary release I/O-bound again. Written by the owner
     * as it drops the lock; read by the owner, and by others under the mutex while the owner
     * holds the lock (the lock word's atomic operations publish it).
     */
    boolean ioBound = true;

    /** Open frames (attach, ensure, released regions): the depth of the top one. Owner only. */
    int depth;
    /**
     * Open attach frames and ensure regions, innermost first (released regions are not kept: see {@link Frame}). Owner
     * only.
     */
    final ArrayDeque<Frame.Entry> entries = new ArrayDeque<>();
    /** Whether the released region on top, if the top frame is one, is a blocking call. Owner only. */
    boolean topRegionBlocking;

    /** Nanoseconds (interpreter clock) when the owner last asked for the lock. Owner only. */
    long requestedAt;
    /**
     * Nanoseconds (interpreter clock) when the owner last took the lock, or
     * {@link ThreadStats#UNTIMED} when this holding is not timed. Owner only.
     */
    long heldSince;
    /** Whether this holding is timed as a sample of the untimed ones (see {@link ThreadStats}). Owner only. */
    boolean heldSampled;
    /** An interrupt arrived while waiting for the lock; re-asserted once it is taken. Owner only. */
    boolean interruptPending;
    /** The JFR "lock held" event in progress, when JFR records it. Owner only. */
    LockHeldEvent heldEvent;

    ThreadState(Thread thread, ThreadStats stats) {
        this.thread = thread;
        this.id = thread.threadId();
        this.name = stats.name;
        this.stats = stats;
    }

    /** The owner took the lock at {@code since} ({@link ThreadStats#UNTIMED}: not timed). */
    void startHolding(long since, boolean sampled) {
        heldSince = since;
        heldSampled = sampled;
        HOLDING.setRelease(this, true);
    }

    /**
     * Free mode: the owner announces that it is about to run interpreted code without a lock,
     * with a full fence, before it checks that nobody is stopping the world (see {@link NoGil}).
     */
    void announceHolding() {
        HOLDING.setVolatile(this, true);
    }

    /** The owner is about to drop the lock. */
    void stopHolding() {
        HOLDING.setRelease(this, false);
    }

    /** What the top frame is, for misuse messages. Owner only. */
    String describeTop() {
        Frame.Entry entry = entries.peek();
        if (entry != null && entry.depth == depth) {
            return entry.describe();
        }
        return topRegionBlocking ? "blocking call" : "released region";
    }

    /** The top frame if it is an attach or ensure frame, else null (a released region is on top). Owner only. */
    Frame.Entry topEntry() {
        Frame.Entry entry = entries.peek();
        return entry != null && entry.depth == depth ? entry : null;
    }

    /** True for the thread this state belongs to. */
    boolean isCurrent() {
        return thread == Thread.currentThread();
    }

    @Override
    public String toString() {
        return "'" + name + "'";
    }
}
