package dev.gillab.lock;

/**
 * A stretch of code that runs with the interpreter lock released: CPython's
 * {@code Py_BEGIN_ALLOW_THREADS} ({@link Interpreter#release()}) ... {@code Py_END_ALLOW_THREADS}
 * ({@link #close()}).
 *
 * <pre>{@code
 * try (ReleasedRegion released = interpreter.release()) {
 *     ... a native call or a blocking call: no interpreter work here ...
 * }   // the lock is taken again here, on every path, exceptions included
 * }</pre>
 *
 * <p>NEVER NEST RELEASES: the thread does not hold the lock inside the region, so a second
 * {@code release()} there is a {@link LockMisuseException}. Code inside the region that needs
 * the interpreter (a callback) takes the lock back with {@link Interpreter#ensure()}.
 *
 * <p>Close it once, on the thread that opened it, after any region opened inside it.
 */
public final class ReleasedRegion extends Frame implements AutoCloseable {

    /** A blocking call ({@link Interpreter#blocking}): traced as blocking, counted apart. */
    final boolean blocking;

    ReleasedRegion(Interpreter interpreter, ThreadState owner, int depth, boolean blocking) {
        super(interpreter, owner, depth);
        this.blocking = blocking;
    }

    /** {@code Py_END_ALLOW_THREADS}: takes the lock again, waiting for it if needed. */
    @Override
    public void close() {
        interpreter.closeReleased(this);
    }

    @Override
    String describe() {
        return blocking ? "blocking call" : "released region";
    }
}
