package dev.gillab.bench.lock;

import dev.gillab.lock.EnsuredRegion;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.ReleasedRegion;

/**
 * A JMH thread attached to an interpreter for one iteration, holding the lock only inside its
 * benchmark calls: between two calls it sits in a released region (attached, not holding), and
 * each call takes the lock with {@link #ensure()} and gives it back on return, as a thread
 * calling into Python through {@code PyGILState_Ensure} does.
 *
 * <p>Why: a JMH thread that held the lock between invocations could reach JMH's
 * end-of-iteration barrier holding it, while another thread of the same benchmark waits for
 * the lock inside an invocation and so never reaches the barrier: a deadlock. Holding the lock
 * only inside the call rules that out. Why not {@code ensure()} alone, on a thread that is not
 * attached: closing that region is the final release of a leaving thread, which never hands
 * the lock over, so a waiter could be starved; closing an {@code ensure()} inside a released
 * region is an ordinary release, which honours a pending drop request (forced switching) as
 * two Python threads would.
 *
 * <pre>{@code
 * @Setup(Level.Iteration) public void attach() { thread = AttachedThread.attach(interpreter); }
 * @Benchmark public long work(...) { try (EnsuredRegion _ = thread.ensure()) { return ...; } }
 * @TearDown(Level.Iteration) public void detach() { thread.detach(); }
 * }</pre>
 */
public final class AttachedThread {

    private final Interpreter interpreter;
    private final ReleasedRegion betweenCalls;

    private AttachedThread(Interpreter interpreter) {
        this.interpreter = interpreter;
        interpreter.attach();
        this.betweenCalls = interpreter.release();
    }

    /** Attaches the calling thread (waiting for the lock if another thread holds it) and releases the lock. */
    public static AttachedThread attach(Interpreter interpreter) {
        return new AttachedThread(interpreter);
    }

    /** Takes the lock until the region is closed ({@code PyGILState_Ensure} ... {@code PyGILState_Release}). */
    public EnsuredRegion ensure() {
        return interpreter.ensure();
    }

    /** Takes the lock back (waiting for it if need be) and detaches the calling thread. */
    public void detach() {
        betweenCalls.close();
        interpreter.detach();
    }
}
