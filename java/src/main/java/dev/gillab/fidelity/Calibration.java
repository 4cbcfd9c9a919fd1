package dev.gillab.fidelity;

import java.util.function.LongToDoubleFunction;

/**
 * Sizes a workload to a wanted duration, the way every fidelity script does on CPython's side
 * ({@code _common.calibrate}); and times one call the way {@code _common.seconds_per_call}
 * does ({@link #secondsPerCall}).
 *
 * <ol>
 *   <li>Double the size until one run lasts at least {@link #FLOOR_SECONDS}.</li>
 *   <li>Scale linearly to the target and run at that size; if that run missed the target by
 *       more than {@link #CLOSE_ENOUGH}, scale again from it (at most {@link #MAX_CHECKS}
 *       times). The first estimate can be far off: in a fresh JVM the short runs are partly
 *       interpreted bytecode, and a run scaled from them lasts a tenth of the target.</li>
 * </ol>
 * The size returned is the one last run, so that run doubles as a warm-up at full length: on
 * both sides the first long run after short ones is measurably slower than the next (by up to
 * a third on the reference machine) and must not be a measured one.
 */
final class Calibration {

    /** A run must last this long before its time is trusted for scaling. */
    static final double FLOOR_SECONDS = 0.05;
    /** A checking run within this share of the target ends the calibration. */
    static final double CLOSE_ENOUGH = 0.25;
    /** The most full-length runs a calibration makes. */
    static final int MAX_CHECKS = 3;

    /** A batch of calls timed by {@link #secondsPerCall} lasts at least this long. */
    static final double BATCH_SECONDS = 0.005;
    /** How many batches {@link #secondsPerCall} times. */
    static final int BATCHES = 3;

    private Calibration() {
    }

    /**
     * The size for which {@code secondsFor(size)} is about {@code targetSeconds}; the workload
     * has just run at that size.
     *
     * @param secondsFor runs the workload at a size and returns the seconds it took
     * @param start      the first size tried, >= 1
     */
    static long size(LongToDoubleFunction secondsFor, long start, double targetSeconds) {
        if (start < 1) {
            throw new IllegalArgumentException("start must be >= 1, was " + start);
        }
        long size = start;
        double seconds = secondsFor.applyAsDouble(size);
        while (seconds < FLOOR_SECONDS) {
            if (size > Long.MAX_VALUE / 2) {
                throw new IllegalStateException("the workload never lasted " + FLOOR_SECONDS
                        + " s, up to size " + size);
            }
            size *= 2;
            seconds = secondsFor.applyAsDouble(size);
        }
        for (int check = 0; check < MAX_CHECKS; check++) {
            size = Math.max(1, Math.round(size * targetSeconds / seconds));
            seconds = secondsFor.applyAsDouble(size);
            if (Math.abs(seconds - targetSeconds) <= CLOSE_ENOUGH * targetSeconds) {
                break;
            }
        }
        return size;
    }

    /**
     * Seconds that one call lasts, as {@code _common.seconds_per_call} measures it: the number of
     * calls per batch doubles from 1 until a batch lasts {@link #BATCH_SECONDS}, then
     * {@link #BATCHES} batches of that many calls run and the shortest gives the time per call.
     * The shortest, because a batch that other processes interrupted only ever lasts longer.
     *
     * @param secondsFor makes that many calls and returns the seconds they took
     */
    static double secondsPerCall(LongToDoubleFunction secondsFor) {
        long calls = 1;
        while (secondsFor.applyAsDouble(calls) < BATCH_SECONDS) {
            if (calls > Long.MAX_VALUE / 2) {
                throw new IllegalStateException("a batch never lasted " + BATCH_SECONDS + " s, up to "
                        + calls + " calls");
            }
            calls *= 2;
        }
        double shortest = Double.POSITIVE_INFINITY;
        for (int b = 0; b < BATCHES; b++) {
            shortest = Math.min(shortest, secondsFor.applyAsDouble(calls));
        }
        return shortest / calls;
    }

    /** {@code n} rounded down to an even number, at least 2: work that splits evenly over 1 or 2 threads. */
    static long even(long n) {
        return Math.max(2, n - n % 2);
    }
}
