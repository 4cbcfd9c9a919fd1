package dev.gillab.fidelity;

import java.util.function.LongToDoubleFunction;

/**
 * Sizes a workload to a wanted duration, the way every fidelity script does on CPython's side
 * ({@code _common.calibrate}): double the size until one run lasts at least
 * {@link #FLOOR_SECONDS}, then scale linearly to the target. The doubling runs also warm the
 * JIT up, so the run that sets the scale is compiled code.
 */
final class Calibration {

    /** A run must last this long before its time is trusted for scaling. */
    static final double FLOOR_SECONDS = 0.05;

    private Calibration() {
    }

    /**
     * The size for which {@code secondsFor(size)} is about {@code targetSeconds}.
     *
     * @param secondsFor runs the workload at a size and returns the seconds it took
     * @param start      the first size tried, >= 1
     */
    static long size(LongToDoubleFunction secondsFor, long start, double targetSeconds) {
        if (start < 1) {
            throw new IllegalArgumentException("start must be >= 1, was " + start);
        }
        long size = start;
        while (true) {
            double seconds = secondsFor.applyAsDouble(size);
            if (seconds >= FLOOR_SECONDS) {
                return Math.max(1, Math.round(size * targetSeconds / seconds));
            }
            if (size > Long.MAX_VALUE / 2) {
                throw new IllegalStateException("the workload never lasted " + FLOOR_SECONDS + " s, up to size " + size);
            }
            size *= 2;
        }
    }

    /** {@code n} rounded down to an even number, at least 2: work that splits evenly over 1 or 2 threads. */
    static long even(long n) {
        return Math.max(2, n - n % 2);
    }
}
