package dev.gillab.lock;

/**
 * Work that runs with the interpreter lock released: a native call, a blocking call. The
 * exception type is a parameter so that a lambda throwing nothing checked needs no
 * try/catch, and one that throws {@code InterruptedException} or {@code IOException} keeps it.
 *
 * @param <T> the result
 * @param <X> the checked exception the work may throw ({@code RuntimeException} when none)
 */
@FunctionalInterface
public interface ReleasedCall<T, X extends Exception> {

    T call() throws X;
}
