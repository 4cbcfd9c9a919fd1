package dev.gillab.lock;

/**
 * The lock made sure of by {@link Interpreter#ensure()}: CPython's {@code PyGILState_Ensure},
 * closed by {@link #close()} = {@code PyGILState_Release}. Closing restores exactly the state
 * before the ensure: a thread that was unknown to the interpreter leaves it again (its thread
 * state is deleted, the lock dropped for the last time); a thread that was inside a released
 * region drops the lock again; a thread that already held the lock keeps it (a nested ensure
 * only counts).
 *
 * <pre>{@code
 * // on a thread the interpreter did not create, e.g. a native library's callback thread
 * try (EnsuredRegion gil = interpreter.ensure()) {
 *     ... interpreted work, polls ...
 * }
 * }</pre>
 *
 * Close it once, on the thread that opened it, innermost region first; anything else raises
 * {@link LockMisuseException} and changes nothing.
 */
public final class EnsuredRegion extends Frame.Entry implements AutoCloseable {

    EnsuredRegion(Interpreter interpreter, ThreadState owner, int depth, boolean tookLock, boolean createdState) {
        super(interpreter, owner, depth, tookLock, createdState);
    }

    /** True when opening it took the lock (CPython's {@code PyGILState_UNLOCKED}), false for a nested ensure. */
    public boolean tookLock() {
        return tookLock;
    }

    /** {@code PyGILState_Release}: gives back what {@link Interpreter#ensure()} took. */
    @Override
    public void close() {
        interpreter.closeEnsured(this);
    }

    @Override
    String describe() {
        return "ensure() region";
    }
}
