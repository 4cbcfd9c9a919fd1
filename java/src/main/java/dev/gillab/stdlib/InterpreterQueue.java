package dev.gillab.stdlib;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code concurrent.interpreters.Queue} (PEP 734; {@code Modules/_interpqueuesmodule.c}): a
 * queue that every interpreter holding it sees as the same queue, the way to pass values between
 * interpreters that share no objects. The queue itself crosses without a copy; each item crosses
 * by {@link Shareable}'s rules when it is put: a {@code byte[]} is copied then, a
 * {@link SharedBuffer} or another queue goes in as itself, and anything not shareable is refused
 * in the putting thread.
 *
 * <p>A thread that waits in {@link #get} or {@link #put} holds no interpreter lock on its own
 * account: a thread attached to an interpreter waits inside
 * {@link dev.gillab.lock.Interpreter#blocking}, as CPython's {@code Queue.get} waits in
 * {@code time.sleep}, which releases the lock.
 */
public final class InterpreterQueue {

    private final BlockingQueue<Object> items;
    private final int maxSize;

    private InterpreterQueue(int maxSize) {
        this.maxSize = maxSize;
        this.items = maxSize == 0 ? new LinkedBlockingQueue<>() : new ArrayBlockingQueue<>(maxSize);
    }

    /**
     * {@code concurrent.interpreters.create_queue(maxsize)}: 0 for no bound.
     *
     * @throws IllegalArgumentException if {@code maxSize} is negative
     */
    public static InterpreterQueue create(int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must be >= 0 (0: no bound), was " + maxSize);
        }
        return new InterpreterQueue(maxSize);
    }

    /**
     * Puts {@code item}, crossed by {@link Shareable#cross}, waiting while the queue is full.
     *
     * @throws IllegalArgumentException if {@code item} is not shareable, before anything waits
     */
    public void put(Object item) throws InterruptedException {
        items.put(Shareable.cross(item));
    }

    /**
     * Takes the oldest item, waiting for at most {@code timeout}.
     *
     * @throws QueueEmptyException if nothing came within {@code timeout} ({@code interpreters.QueueEmpty})
     */
    public Object get(Duration timeout) throws InterruptedException {
        Object item = items.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (item == null) {
            throw new QueueEmptyException("nothing was put within " + timeout);
        }
        return item;
    }

    /** Items waiting now. */
    public int size() {
        return items.size();
    }

    /** The bound given at creation, 0 for none. */
    public int maxSize() {
        return maxSize;
    }

    @Override
    public String toString() {
        return "InterpreterQueue[" + items.size() + " items" + (maxSize > 0 ? ", max " + maxSize : "") + "]";
    }

    /** {@code interpreters.QueueEmpty}: a {@link #get} that waited its whole time-out. */
    public static final class QueueEmptyException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        QueueEmptyException(String message) {
            super(message);
        }
    }
}
