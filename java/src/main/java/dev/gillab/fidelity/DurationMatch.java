package dev.gillab.fidelity;

import dev.gillab.experiment.Units;
import java.util.Locale;
import java.util.function.LongToDoubleFunction;

/**
 * Finds the size at which one call lasts as long as a call measured on the other side: how
 * gillab's side makes its calls as long as CPython's when the same size would not be (a hash
 * whose C code is eight times slower, interpreted code twenty times faster).
 *
 * <h2>The search</h2>
 * The time of a call is taken to grow with the size, as measured, with noise:
 * <ol>
 *   <li><b>Bracket.</b> From {@code start}, double the size while a call is shorter than the
 *       target, or halve it while a call is at least as long, until the target lies between
 *       two sizes measured, or the size reaches {@code max} or {@code min}.</li>
 *   <li><b>Bisect.</b> Measure the middle of the bracket and keep the half that holds the
 *       target, until a size measured is within {@link #CLOSE_ENOUGH} of it or the bracket
 *       cannot be halved again.</li>
 * </ol>
 * The answer is the size, of all those measured, whose call came closest to the target. A
 * caller that compares calls of that length checks it with {@link Match#requireWithin}: further
 * off than that, the comparison would be between calls of different lengths, the very thing the
 * search is for.
 */
final class DurationMatch {

    /** A size whose call is within this share of the target ends the search. */
    static final double CLOSE_ENOUGH = 0.05;
    /** The most sizes measured in the bisection. */
    static final int MAX_BISECTIONS = 40;

    /**
     * A size and how long one call at that size lasted.
     *
     * @param size    the size found
     * @param seconds one call at that size, as measured
     */
    record Match(long size, double seconds) {

        /**
         * This match, if its call is within {@code share} of {@code targetSeconds}.
         *
         * @throws IllegalStateException if it is not, with both durations
         */
        Match requireWithin(double targetSeconds, double share) {
            if (Math.abs(seconds - targetSeconds) > share * targetSeconds) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "no size makes a call last %s us (within %.0f%%): the closest, %d, lasts %s us",
                        Units.number(targetSeconds * 1e6), 100 * share, size, Units.number(seconds * 1e6)));
            }
            return this;
        }
    }

    private final LongToDoubleFunction secondsPerCall;
    private final double targetSeconds;
    private Match best;

    private DurationMatch(LongToDoubleFunction secondsPerCall, double targetSeconds) {
        this.secondsPerCall = secondsPerCall;
        this.targetSeconds = targetSeconds;
    }

    /**
     * The size in {@code [min, max]} at which one call lasts about {@code targetSeconds}.
     *
     * @param secondsPerCall measures one call at a size (seconds)
     * @param start          the first size measured, within {@code [min, max]}
     * @return of the sizes measured, the one whose call came closest to the target
     */
    static Match find(LongToDoubleFunction secondsPerCall, double targetSeconds, long start, long min, long max) {
        if (!(targetSeconds > 0) || min < 0 || start < min || start > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "need a target > 0 and 0 <= min <= start <= max, got target %s, %d <= %d <= %d",
                    targetSeconds, min, start, max));
        }
        return new DurationMatch(secondsPerCall, targetSeconds).search(start, min, max);
    }

    private Match search(long start, long min, long max) {
        long lo;
        long hi;
        if (measure(start) < targetSeconds) {
            lo = start;
            hi = start;
            while (hi < max && measure(hi = Math.min(max, Math.max(hi + 1, hi * 2))) < targetSeconds) {
                lo = hi;
            }
        } else {
            lo = start;
            hi = start;
            while (lo > min && measure(lo = Math.max(min, lo / 2)) >= targetSeconds) {
                hi = lo;
            }
        }
        for (int step = 0; step < MAX_BISECTIONS && hi - lo > 1 && !closeEnough(); step++) {
            long mid = lo + (hi - lo) / 2;
            if (measure(mid) < targetSeconds) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return best;
    }

    private double measure(long size) {
        double seconds = secondsPerCall.applyAsDouble(size);
        if (best == null || Math.abs(seconds - targetSeconds) < Math.abs(best.seconds() - targetSeconds)) {
            best = new Match(size, seconds);
        }
        return seconds;
    }

    private boolean closeEnough() {
        return Math.abs(best.seconds() - targetSeconds) <= CLOSE_ENOUGH * targetSeconds;
    }
}
