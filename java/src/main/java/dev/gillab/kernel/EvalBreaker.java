package dev.gillab.kernel;

/**
 * The check that CPython's eval loop makes at loop back edges and calls: "does anybody want
 * me to stop?" ({@code _Py_HandlePending} behind the eval breaker). The pure-Java kernels
 * call {@link #poll()} every few iterations, so that a simulated interpreter lock can ask the
 * running thread to drop it; with {@link #NONE} they run as plain Java.
 *
 * <p>A poll must be cheap when nobody is waiting: about one volatile read.
 */
@FunctionalInterface
public interface EvalBreaker {

    /** No lock: polls do nothing, and the JIT removes them. */
    EvalBreaker NONE = () -> { };

    /** Called by a running kernel at a loop back edge; may block while the lock is handed over. */
    void poll();
}
