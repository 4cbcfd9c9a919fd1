package dev.gillab.stdlib;

/**
 * A {@link ProcessPool}'s worker process ended while the pool needed it: it crashed, was
 * killed, or never started. The message names the worker, its pid, what it was doing, its exit
 * status and the last lines it wrote to stderr. The pool is broken afterwards, as
 * {@code concurrent.futures}' {@code BrokenProcessPool}: every later task fails too.
 */
public final class WorkerDiedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WorkerDiedException(String message, Throwable cause) {
        super(message, cause);
    }
}
