package dev.gillab.binding;

/**
 * Turns the C library's status results into Java outcomes, the same way for every binding:
 * {@code gillab_primes} returns -1 when its sieve cannot be allocated, and
 * {@code gillab_sleep_micros} returns the errno of a failed {@code nanosleep}.
 */
public final class NativeResults {

    private NativeResults() {
    }

    /** The prime count, or an {@link OutOfMemoryError} if the C sieve could not be allocated. */
    public static int primeCount(int result, int limit) {
        if (result < 0) {
            throw new OutOfMemoryError("gillab_primes could not allocate a sieve of " + limit + " bytes");
        }
        return result;
    }

    /** Returns normally if {@code gillab_sleep_micros} succeeded. */
    public static void sleepDone(int errno, long micros) {
        if (errno != 0) {
            throw new IllegalStateException("gillab_sleep_micros(" + micros + ") failed: nanosleep errno " + errno);
        }
    }
}
