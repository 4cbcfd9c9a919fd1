package dev.gillab.lock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which Java threads are attached to one interpreter ({@code PyInterpreterState}'s thread
 * list) and the statistics of every thread that ever was.
 *
 * <h2>Finding the calling thread's state</h2>
 *
 * {@link #current()} is the analogue of CPython's {@code _PyThreadState_GET()}, and in free
 * mode every poll of the eval breaker makes it (there is no single holder to compare with), so
 * it must cost about as much as the switch lock's poll, a load and a comparison. A
 * {@link ThreadLocal} lookup (a hash probe in the thread's map, several dependent loads) made
 * free-mode interpreted code two to three times slower than under the lock. So the registry
 * keeps a small direct-mapped cache, {@link #bySlot}: the state of thread id {@code i} is
 * stored at {@code i mod SLOTS}. A lookup reads one slot and checks the state's thread id, a
 * final field; on a miss (a collision: two attached threads whose ids share the slot) it falls
 * back to the thread-local, which always holds the truth.
 *
 * <p>Why no synchronisation is needed: a thread only ever writes its own state into a slot, at
 * register, and clears the slot, at unregister, only if it still holds its own state. Another
 * thread may overwrite the slot at any time with its own state, which fails the id check: a
 * miss, never a wrong answer. A thread cannot see its own state after removing it, because its
 * reads follow its own writes; and a state published by another thread through the plain
 * array store is checked through a final field, which the Java memory model guarantees to be
 * seen initialised.
 */
final class ThreadRegistry {

    /** Slots of the cache; thread ids are handed out in sequence, so attached threads rarely share one. */
    private static final int SLOTS = 256;

    private final ThreadLocal<ThreadState> current = new ThreadLocal<>();
    /** The direct-mapped cache of {@link #current} by thread id (see the class comment). */
    private final ThreadState[] bySlot = new ThreadState[SLOTS];
    /** By {@link Thread#threadId()}; never shrinks, so that stats outlive their threads. */
    private final ConcurrentHashMap<Long, ThreadStats> stats = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();
    /**
     * The states of the threads attached now, guarded by its own monitor: a thread that registers
     * after {@link #attached()} took its snapshot is ordered after it (see {@link NoGil}).
     */
    private final Set<ThreadState> live = new LinkedHashSet<>();

    /** The calling thread's state, or null when it is not attached. */
    ThreadState current() {
        long id = Thread.currentThread().threadId();
        ThreadState cached = bySlot[slot(id)];
        return cached != null && cached.id == id ? cached : current.get();
    }

    private static int slot(long threadId) {
        return (int) threadId & (SLOTS - 1);
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
        bySlot[slot(ts.id)] = ts;
        synchronized (live) {
            live.add(ts);
        }
        return ts;
    }

    /** Forgets the calling thread's state ({@code PyThreadState_DeleteCurrent}). */
    void unregister(ThreadState ts) {
        forget(ts);
        current.remove();
    }

    /** Forgets {@code ts} everywhere but in the thread-local, which only its own thread can clear (or its end). */
    void forget(ThreadState dead) {
        synchronized (live) {
            live.remove(dead);
        }
        dead.stats.live = null;
        int slot = slot(dead.id);
        if (bySlot[slot] == dead) {
            bySlot[slot] = null;
        }
    }

    /** The states of the threads attached at this moment, in order of attachment. */
    List<ThreadState> attached() {
        synchronized (live) {
            return List.copyOf(live);
        }
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
