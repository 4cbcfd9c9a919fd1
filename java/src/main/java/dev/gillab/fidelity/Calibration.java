package dev.gillab.fidelity;

import java.util.function.LongToDoubleFunction;

/**
 * Sizes a workload to a wanted duration, the way every fidelity script does on CPython's side
 * ({@code _common.calibrate}): double the size until one run lasts at least
 * {@link #FLOOR_SECONDS}, scale linearly to the target, then run once at that size, untimed.
 * The doubling runs warm the JIT up, so the run that sets the scale is compiled code; the last
 * run is a warm-up at full length, because on both sides the first long run after the short
 * ones is measurably slower than the next (by up to a third, on the reference machine) and
 * must not be a measured one.
 */
final class Calibration {

    /** A run must last this long before its time is trusted for scaling. */
    static final double FLOOR_SECONDS = 0.05;

    private Calibration() {
    }

    /**
     * The size for which {@code secondsFor(size)} is about {@code targetSeconds}, after one
     * untimed run at that size.
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
                long scaled = Math.max(1, Math.round(size * targetSeconds / seconds));
                secondsFor.applyAsDouble(scaled);
                return scaled;
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
