package dev.gillab.fidelity;

import dev.gillab.experiment.Units;
import java.util.Locale;

/**
 * How close gillab's figure must be to CPython's, and what "the same direction" means for it.
 *
 * <h2>Two tests, in this order</h2>
 * <ol>
 *   <li><b>Direction.</b> Slower must stay slower, faster faster, losing updates losing. Each
 *       tolerance has a pivot (1.0 for a ratio against a baseline, 0 for a cost) and says on
 *       which side of it a value lies. A value within {@link #DIRECTION_BAND} of the pivot lies
 *       on neither side: with a few percent of noise, 0.97 against 1.03 is no change of
 *       direction, while 0.8 against 1.3 is.</li>
 *   <li><b>Magnitude.</b> Ratios within ±15% of CPython's ({@link Relative}), latencies within
 *       a factor of 2 ({@link Factor}), shares of lost updates within ±15% unless both are
 *       negligible ({@link Share}), the share of a bimodal figure's values in one mode within 0.15
 *       ({@link ModeShare}).</li>
 * </ol>
 */
public sealed interface Tolerance {

    /** Values closer than this (relative) to the pivot count as neither above nor below it. */
    double DIRECTION_BAND = 0.10;

    /** ±15% of CPython's figure, around a pivot of 1: for ratios against a baseline. */
    Tolerance RATIO = new Relative(0.15, 1.0);

    /** Within a factor of 2, around a pivot of 1: for latencies in units of the switch interval. */
    Tolerance LATENCY = new Factor(2.0, 1.0);

    /** Within 0.15 of CPython's share, on the same side of one half: for the share of values in one of two modes. */
    Tolerance MODE_SHARE = new ModeShare(0.15);

    /** Judges gillab's figure against CPython's (both medians). */
    default Judgement judge(double cpython, double gillab) {
        if (!sameDirection(cpython, gillab)) {
            return Judgement.OPPOSITE_DIRECTION;
        }
        return withinMagnitude(cpython, gillab) ? Judgement.HOLDS : Judgement.OUTSIDE_TOLERANCE;
    }

    boolean sameDirection(double cpython, double gillab);

    boolean withinMagnitude(double cpython, double gillab);

    /** The tolerance as the table prints it, e.g. {@code "±15%"}. */
    String describe();

    /**
     * gillab within {@code fraction} of CPython's figure (relative), and on the same side of
     * {@code pivot}.
     */
    record Relative(double fraction, double pivot) implements Tolerance {

        public Relative {
            requirePositive(fraction, "fraction");
        }

        @Override
        public boolean sameDirection(double cpython, double gillab) {
            return Side.agree(cpython, gillab, pivot);
        }

        @Override
        public boolean withinMagnitude(double cpython, double gillab) {
            return Math.abs(gillab - cpython) <= fraction * Math.abs(cpython);
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "±%.0f%%", 100 * fraction);
        }
    }

    /**
     * gillab within a factor of CPython's figure, either way ({@code cpython / factor} to
     * {@code cpython * factor}; both must be positive), and on the same side of {@code pivot}.
     */
    record Factor(double factor, double pivot) implements Tolerance {

        public Factor {
            if (!(factor >= 1)) {
                throw new IllegalArgumentException("factor must be >= 1, was " + factor);
            }
        }

        @Override
        public boolean sameDirection(double cpython, double gillab) {
            return Side.agree(cpython, gillab, pivot);
        }

        @Override
        public boolean withinMagnitude(double cpython, double gillab) {
            return cpython > 0 && gillab > 0 && Math.max(gillab / cpython, cpython / gillab) <= factor;
        }

        @Override
        public String describe() {
            return "within " + Units.number(factor) + "x";
        }
    }

    /**
     * For shares (of lost updates): both below {@code floor} (nothing to speak of lost on either
     * side) or gillab within {@code fraction} of CPython's share. The direction is "loses" or
     * "does not": a share at or above the floor on one side only is the opposite direction.
     */
    record Share(double floor, double fraction) implements Tolerance {

        /** Both under 1% lost, or within ±15%. */
        public static final Share LOST_UPDATES = new Share(0.01, 0.15);

        public Share {
            requirePositive(floor, "floor");
            requirePositive(fraction, "fraction");
        }

        @Override
        public boolean sameDirection(double cpython, double gillab) {
            return (cpython >= floor) == (gillab >= floor);
        }

        @Override
        public boolean withinMagnitude(double cpython, double gillab) {
            return cpython < floor && gillab < floor || Math.abs(gillab - cpython) <= fraction * cpython;
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "±%.0f%% (or both < %.0f%%)", 100 * fraction, 100 * floor);
        }
    }

    /**
     * For a bimodal figure, judged by how its values divide between the two modes rather than by
     * its median. The figure compared is the share of values in one mode (e.g. round trips
     * slower than a threshold between the modes); its complement is the share in the other.
     *
     * <p>A median of such values lies in whichever mode holds more than half of them, and jumps
     * from one mode to the other as that share crosses one half: two runs whose shares are 0.45
     * and 0.55 have medians a hundred times apart. The share moves smoothly instead, so:
     * <ul>
     *   <li><b>Magnitude:</b> gillab's share within {@code points} of CPython's, absolute, which
     *       is the same test for the share of either mode;</li>
     *   <li><b>Direction:</b> which mode holds most values, the one thing the median told: the
     *       shares on opposite sides of one half (each further than {@link #DIRECTION_BAND} of it
     *       from it) are the opposite direction.</li>
     * </ul>
     */
    record ModeShare(double points) implements Tolerance {

        /** The share at which neither mode holds most values. */
        static final double HALF = 0.5;

        public ModeShare {
            if (!(points > 0 && points < 1)) {
                throw new IllegalArgumentException("points must be in (0, 1), was " + points);
            }
        }

        @Override
        public boolean sameDirection(double cpython, double gillab) {
            return Side.agree(cpython, gillab, HALF);
        }

        @Override
        public boolean withinMagnitude(double cpython, double gillab) {
            return Math.abs(gillab - cpython) <= points;
        }

        @Override
        public String describe() {
            return "share ±" + Units.number(points);
        }
    }

    /** Where a value lies against a pivot. */
    enum Side {
        BELOW, NEAR, ABOVE;

        static Side of(double value, double pivot) {
            double band = DIRECTION_BAND * Math.abs(pivot);
            if (value > pivot + band) {
                return ABOVE;
            }
            return value < pivot - band ? BELOW : NEAR;
        }

        boolean opposes(Side other) {
            return this != NEAR && other != NEAR && this != other;
        }

        /** Whether two values do not lie on opposite sides of {@code pivot}. */
        static boolean agree(double cpython, double gillab, double pivot) {
            return !of(cpython, pivot).opposes(of(gillab, pivot));
        }
    }

    private static void requirePositive(double v, String name) {
        if (!(v > 0)) {
            throw new IllegalArgumentException(name + " must be > 0, was " + v);
        }
    }
}
