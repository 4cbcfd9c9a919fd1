package dev.gillab.lock;

/**
 * One level of a thread's frame stack: an attach, an ensure region or a released region. The
 * top frame decides whether the thread holds the lock: a released region means no, the other
 * two mean yes. Frames close innermost first, on their own thread, once; {@link Interpreter}
 * checks all three before changing anything.
 *
 * <p>A frame knows its {@link #depth}, its level in the stack (1 for the outermost attach);
 * the thread knows its current depth ({@link ThreadState#depth}). "Innermost first" is then a
 * comparison of two integers, and a released region, the frame opened and closed around every
 * native call, is stored nowhere: nothing but the caller refers to it, so the JIT can keep it
 * in registers (no allocation) when the region is opened and closed in one compiled method, as
 * a try-with-resources block is. Attach and ensure frames, which carry what closing them must
 * undo, are kept in {@link ThreadState#entries}.
 */
abstract sealed class Frame permits Frame.Entry, ReleasedRegion {

    final Interpreter interpreter;
    final ThreadState owner;
    /** The frame's level in its thread's stack: the thread's depth while it is the top frame. */
    final int depth;
    /** Owner only. */
    boolean closed;

    Frame(Interpreter interpreter, ThreadState owner, int depth) {
        this.interpreter = interpreter;
        this.owner = owner;
        this.depth = depth;
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

        Entry(Interpreter interpreter, ThreadState owner, int depth, boolean tookLock, boolean createdState) {
            super(interpreter, owner, depth);
            this.tookLock = tookLock;
            this.createdState = createdState;
        }
    }

    /** An {@code attach()} (thread start, or a nested attach), closed by {@code detach()}. */
    static final class Attach extends Entry {
        Attach(Interpreter interpreter, ThreadState owner, int depth, boolean tookLock, boolean createdState) {
            super(interpreter, owner, depth, tookLock, createdState);
        }

        @Override
        String describe() {
            return "attach()";
        }
    }
}
