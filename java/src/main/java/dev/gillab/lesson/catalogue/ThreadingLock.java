package dev.gillab.lesson.catalogue;

import dev.gillab.lock.Interpreter;
import java.util.concurrent.locks.ReentrantLock;

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
 * <p>Built on a {@link ReentrantLock} (a {@code threading.Lock} is not reentrant, but nothing
 * here re-enters it); {@link #release} must come from the thread that acquired it.
 */
final class ThreadingLock {

    private final ReentrantLock lock = new ReentrantLock();

    /** {@code lock.acquire()}, by a thread attached to {@code interpreter}. */
    void acquire(Interpreter interpreter) {
        if (!lock.tryLock()) {
            interpreter.blocking(() -> {
                lock.lock();
                return null;
            });
        }
    }

    /** {@code lock.release()}. */
    void release() {
        lock.unlock();
    }
}
