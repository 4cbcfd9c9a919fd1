package dev.gillab.stdlib;

import dev.gillab.lock.Interpreter;
import java.util.concurrent.Semaphore;

/**
 * {@code threading.Lock}: a real lock, for what the interpreter lock does not protect.
 *
 * <p>{@link #acquire} does what CPython's {@code lock.acquire()} does: it first tries to take the
 * lock without blocking, with the interpreter lock held; only if that fails does it block, and
 * then with the interpreter lock released ({@code Py_BEGIN_ALLOW_THREADS} around
 * {@code PyThread_acquire_lock_timed}), through {@link Interpreter#blocking}. Blocking with the
 * interpreter lock held would deadlock the moment the thread holding this lock needed the
 * interpreter lock to get to its {@code release()}.
 *
 * <p>As in CPython, the lock has no owner: it is not reentrant (a second {@code acquire()} by
 * the same thread waits for ever), and any thread may release it, not only the one that
 * acquired it ({@code Modules/_threadmodule.c}, {@code lock_PyThread_release_lock}). Releasing
 * it when it is not locked raises, as CPython's {@code RuntimeError: release unlocked lock}
 * does. Built on a {@link Semaphore} of one permit, which has no owner either.
 */
public final class ThreadingLock {

    private final Semaphore permit = new Semaphore(1);

    /** {@code lock.acquire()}, by a thread attached to {@code interpreter}. */
    public void acquire(Interpreter interpreter) {
        if (!permit.tryAcquire()) {
            interpreter.blocking(() -> {
                permit.acquireUninterruptibly();
                return null;
            });
        }
    }

    /**
     * {@code lock.release()}, by any thread.
     *
     * @throws IllegalStateException if the lock is not locked
     */
    public synchronized void release() {
        if (permit.availablePermits() > 0) {
            throw new IllegalStateException("release unlocked lock");
        }
        permit.release();
    }
}
