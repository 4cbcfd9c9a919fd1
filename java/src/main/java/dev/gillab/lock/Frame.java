package dev.gillab.lock;

/**
 * One entry of a thread's frame stack ({@link ThreadState#frames}): an attach, an ensure region
 * or a released region. The top frame decides whether the thread holds the lock: a released
 * region means no, the other two mean yes. Frames close innermost first, on their own thread,
 * once; {@link Interpreter} checks all three before changing anything.
 */
abstract sealed class Frame permits Frame.Entry, ReleasedRegion {

    final Interpreter interpreter;
    final ThreadState owner;
    /** Owner only. */
    boolean closed;

    Frame(Interpreter interpreter, ThreadState owner) {
        this.interpreter = interpreter;
        this.owner = owner;
    }

    /** What to call the frame in a misuse message. */
    abstract String describe();

    /**
     * A way into the interpreter: {@code attach()} or {@code ensure()}. Both follow
     * {@code PyGILState_Ensure}'s three cases, remembered here so that closing restores the
     * state before opening.
     */
    abstract static sealed class Entry extends Frame permits Attach, EnsuredRegion {
        /** Opening it took the lock: the thread was new, or inside a released region. */
        final boolean tookLock;
        /** Opening it created the thread state; closing it deletes the state (final release). */
        final boolean createdState;

        Entry(Interpreter interpreter, ThreadState owner, boolean tookLock, boolean createdState) {
            super(interpreter, owner);
            this.tookLock = tookLock;
            this.createdState = createdState;
        }
    }

    /** An {@code attach()} (thread start, or a nested attach), closed by {@code detach()}. */
    static final class Attach extends Entry {
        Attach(Interpreter interpreter, ThreadState owner, boolean tookLock, boolean createdState) {
            super(interpreter, owner, tookLock, createdState);
        }

        @Override
        String describe() {
            return "attach()";
        }
    }
}
