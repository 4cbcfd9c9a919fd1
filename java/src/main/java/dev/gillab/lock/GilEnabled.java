package dev.gillab.lock;

/**
 * When and why a free interpreter's lock came back (see {@link Interpreter#load}).
 *
 * @param nanos      when, in nanoseconds since the interpreter was created (the trace's clock)
 * @param extension  the undeclared extension whose loading turned the lock on
 * @param threadName the thread that loaded it
 * @param warning    the warning given, in CPython's words
 */
public record GilEnabled(long nanos, String extension, String threadName, String warning) {

    /**
     * CPython's {@code RuntimeWarning} for this load ({@code _PyImport_CheckGILForModule}, {@code Python/import.c}).
     */
    static String warningFor(String extension) {
        return "The global interpreter lock (GIL) has been enabled to load module '" + extension
                + "', which has not declared that it can run safely without the GIL. To override this behavior"
                + " and keep the GIL disabled (at your own risk), run with PYTHON_GIL=0 or -Xgil=0.";
    }
}
