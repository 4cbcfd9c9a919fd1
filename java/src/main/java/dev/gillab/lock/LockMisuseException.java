package dev.gillab.lock;

/**
 * The interpreter lock was used against its rules: polling or releasing without holding it,
 * nesting releases, closing a region twice or on another thread, detaching a thread that is
 * not attached. CPython answers most of these with {@code Py_FatalError} or a crash; here the
 * check runs before any state changes, so the lock stays usable after the exception.
 */
public class LockMisuseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public LockMisuseException(String message) {
        super(message);
    }
}
