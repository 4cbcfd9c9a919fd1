package dev.gillab.bench;

import dev.gillab.lock.EnsuredRegion;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.ReleasedRegion;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A benchmark thread in the role of a Python thread that calls functions: attached to the
 * interpreter, and between calls inside a released region, so that it never holds the lock
 * while JMH has control; each {@link #call} takes the lock, runs, and gives it back.
 *
 * <p>Why: JMH ends an iteration at a barrier that every thread must reach. A thread that kept
 * the simulated lock there would leave the others waiting for the lock instead of reaching the
 * barrier: a deadlock, the benchmark's version of blocking while holding the interpreter lock.
 * Why not {@code ensure()} alone, on a thread that is not attached: closing that region is
 * the final release of a leaving thread, which never hands the lock over, so a waiter could be
 * starved; closing an {@code ensure()} inside a released region is an ordinary release, which
 * honours a pending drop request (forced switching) as two Python threads would.
 *
 * <p>Open it in a {@code @Setup(Level.Iteration)} and close it in the matching
 * {@code @TearDown}, both on the benchmark thread; it is not thread safe.
 */
public final class BetweenCalls implements AutoCloseable {

    private final Interpreter interpreter;
    private final ReleasedRegion betweenCalls;

    private BetweenCalls(Interpreter interpreter) {
        this.interpreter = interpreter;
        interpreter.attach();
        this.betweenCalls = interpreter.release();
    }

    /** Attaches the calling thread to {@code interpreter} and releases the lock at once. */
    public static BetweenCalls attach(Interpreter interpreter) {
        return new BetweenCalls(Objects.requireNonNull(interpreter, "interpreter"));
    }

    /** Runs {@code work} holding the lock ({@code PyGILState_Ensure} ... {@code Release}) and returns its result. */
    public <T> T call(Supplier<T> work) {
        try (EnsuredRegion _ = interpreter.ensure()) {
            return work.get();
        }
    }

    /** Takes the lock back and detaches the calling thread. */
    @Override
    public void close() {
        betweenCalls.close();
        interpreter.detach();
    }
}
