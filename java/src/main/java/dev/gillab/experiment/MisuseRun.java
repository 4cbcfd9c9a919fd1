package dev.gillab.experiment;

import dev.gillab.lock.Interpreter;
import java.util.function.BooleanSupplier;

/**
 * A misuse of the interpreter, and what it left behind: one attached thread runs the misuse,
 * which should throw; the exception is caught, and the same thread then checks that the
 * interpreter still works. A misuse must be reported, never crash the JVM, and never leave a
 * thread holding the lock or the lock unusable.
 *
 * @param run     the run
 * @param failure what the misuse threw, or null if nothing (then it went unnoticed)
 * @param intact  whether the check passed afterwards
 */
public record MisuseRun(Measurement run, Throwable failure, boolean intact) {

    /** Runs {@code misuse} on a thread attached to {@code interpreter}, then {@code check} on the same thread. */
    public static MisuseRun of(Interpreter interpreter, Runnable misuse, BooleanSupplier check) {
        Throwable[] failure = new Throwable[1];
        boolean[] intact = new boolean[1];
        Measurement m = ThreadedRun.run(interpreter, 1, "misuse", i -> {
            try {
                misuse.run();
            } catch (RuntimeException | Error e) {
                failure[0] = e;
            }
            intact[0] = check.getAsBoolean();
        });
        return new MisuseRun(m, failure[0], intact[0]);
    }

    /**
     * The table row, its speedup against {@code floorNanosPerCall} for each of the {@code calls} made before the
     * misuse stopped, with the calls and the {@link #outcome()}.
     */
    public Row row(String label, long calls, double floorNanosPerCall) {
        return Row.of(label, run, Math.round(floorNanosPerCall * calls))
                .with("callbacks", Long.toString(calls))
                .with("outcome", outcome());
    }

    /** For a table cell: the exception's type and the first clause of its message, and the check's verdict. */
    public String outcome() {
        if (failure == null) {
            return "no exception: the misuse went unnoticed";
        }
        String message = String.valueOf(failure.getMessage());
        int cut = message.indexOf(", but");
        return failure.getClass().getSimpleName() + ": " + (cut < 0 ? message : message.substring(0, cut))
                + (intact ? "; interpreter intact" : "; INTERPRETER BROKEN");
    }
}
