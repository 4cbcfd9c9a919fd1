package dev.gillab.fidelity;

/** CPython's side of a scenario could not run: no interpreter, a script failed or timed out, bad output. */
public final class CPythonException extends RuntimeException {

    public CPythonException(String message) {
        super(message);
    }

    public CPythonException(String message, Throwable cause) {
        super(message, cause);
    }
}
