package dev.gillab.experiment;

import dev.gillab.lock.Interpreter;
import java.util.function.LongConsumer;

/**
 * The interpreted loop around native calls, {@code for i in range(n): f(i)}. CPython checks
 * its eval breaker at every loop back edge, so a thread that holds the lock between its calls
 * gives it up there when another thread has asked for it; these loops do the same with
 * {@link Interpreter#poll()} before each call. Without the poll, a thread calling a kernel
 * that holds the lock would keep it from its first call to its last.
 *
 * <p>Run them on a thread attached to {@code interpreter}, e.g. as a {@link ThreadedRun} body.
 */
public final class CallLoop {

    private CallLoop() {
    }

    /** Polls, then calls {@code call} with 0, 1, ..., {@code calls - 1}. */
    public static void repeat(Interpreter interpreter, long calls, LongConsumer call) {
        for (long i = 0; i < calls; i++) {
            interpreter.poll();
            call.accept(i);
        }
    }

    /**
     * Polls, then calls {@code call}, again and again until {@code nanos} have passed; at least
     * once. Returns how many calls it made.
     */
    public static long repeatFor(Interpreter interpreter, long nanos, Runnable call) {
        long start = System.nanoTime();
        long calls = 0;
        do {
            interpreter.poll();
            call.run();
            calls++;
        } while (System.nanoTime() - start < nanos);
        return calls;
    }
}
