package dev.gillab.lock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which Java threads are attached to one interpreter ({@code PyInterpreterState}'s thread
 * list) and the statistics of every thread that ever was. The calling thread's state is found
 * through a {@link ThreadLocal}, the analogue of CPython's {@code _PyThreadState_GET()}.
 */
final class ThreadRegistry {

    private final ThreadLocal<ThreadState> current = new ThreadLocal<>();
    /** By {@link Thread#threadId()}; never shrinks, so that stats outlive their threads. */
    private final ConcurrentHashMap<Long, ThreadStats> stats = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();

    /** The calling thread's state, or null when it is not attached. */
    ThreadState current() {
        return current.get();
    }

    /** Creates the calling thread's state ({@code PyThreadState_New} + bind). */
    ThreadState register() {
        Thread me = Thread.currentThread();
        ThreadStats s = stats.get(me.threadId());
        if (s == null) {
            // Only this thread registers this id: no race. Built outside the map, so that no
            // constructor runs under one of its bin locks.
            s = new ThreadStats(me, order.getAndIncrement());
            stats.put(me.threadId(), s);
        }
        ThreadState ts = new ThreadState(me, s);
        s.live = ts;
        current.set(ts);
        return ts;
    }

    /** Forgets the calling thread's state ({@code PyThreadState_DeleteCurrent}). */
    void unregister(ThreadState ts) {
        ts.stats.live = null;
        current.remove();
    }

    /** Every thread's stats, in order of first attachment. */
    List<ThreadStats> allStats() {
        List<ThreadStats> list = new ArrayList<>(stats.values());
        list.sort(Comparator.comparingLong(s -> s.order));
        return list;
    }

    /**
     * The exception for an operation that needs the lock, run by a thread that does not hold it;
     * the message says which of the two reasons applies.
     */
    LockMisuseException notHolding(String operation) {
        Thread me = Thread.currentThread();
        ThreadState ts = current();
        if (ts == null) {
            return new LockMisuseException(operation + " needs the interpreter lock, but thread '"
                    + ThreadStats.displayName(me) + "' is not attached to this interpreter: call attach() "
                    + "(a thread the interpreter runs) or ensure() (a native callback thread) first");
        }
        return new LockMisuseException(operation + " needs the interpreter lock, but thread " + ts
                + " is inside a released region (Py_BEGIN_ALLOW_THREADS): touching the interpreter "
                + "there is the classic crash; re-take the lock with ensure() around interpreter work");
    }
}
