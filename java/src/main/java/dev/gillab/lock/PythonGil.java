package dev.gillab.lock;

/**
 * The {@code PYTHON_GIL} setting of a free-threaded build ({@code PYTHON_GIL} environment variable
 * or {@code -X gil}; {@code PyConfig.enable_gil}, read in {@code Python/initconfig.c}): whether
 * the interpreter lock may come back when an extension that has not declared itself safe
 * without it is loaded ({@link Interpreter#load}). Only a {@link LockMode#FREE} interpreter has
 * the setting; a build with the lock refuses it, as CPython's default build does.
 */
public enum PythonGil {

    /** {@code PYTHON_GIL} unset: free, until an undeclared extension turns the lock on for good. */
    DEFAULT("unset"),

    /** {@code PYTHON_GIL=0}: the lock stays off whatever is loaded (at the user's own risk). */
    OFF("PYTHON_GIL=0"),

    /** {@code PYTHON_GIL=1}: the lock is on from the start, as in the default build. */
    ON("PYTHON_GIL=1");

    private final String label;

    PythonGil(String label) {
        this.label = label;
    }

    /** How CPython spells it: {@code unset}, {@code PYTHON_GIL=0} or {@code PYTHON_GIL=1}. */
    public String label() {
        return label;
    }
}
