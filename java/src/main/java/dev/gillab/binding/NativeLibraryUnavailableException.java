package dev.gillab.binding;

/**
 * A native binding cannot be used on this machine: its library is missing or failed to load.
 * The message names the library, where it was looked for and how to build it. The pure-Java
 * binding never throws this.
 */
public final class NativeLibraryUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NativeLibraryUnavailableException(String message) {
        super(message);
    }

    public NativeLibraryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
