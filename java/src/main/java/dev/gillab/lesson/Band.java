package dev.gillab.lesson;

/**
 * The values a lesson expects of one of its figures: an interval, either end of which may be
 * open-ended or exclusive. {@code Band.between(0.85, 1.05)}, {@code Band.atLeast(1.6)},
 * {@code Band.above(0)}, {@code Band.exactly(1)}.
 *
 * @param low           the lower end ({@code -Infinity}: none)
 * @param lowIncluded   whether {@code low} itself holds
 * @param high          the upper end ({@code +Infinity}: none)
 * @param highIncluded  whether {@code high} itself holds
 */
public record Band(double low, boolean lowIncluded, double high, boolean highIncluded) {

    public Band {
        if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
            throw new IllegalArgumentException("a band needs low <= high, not [" + low + ", " + high + "]");
        }
    }

    public static Band between(double low, double high) {
        return new Band(low, true, high, true);
    }

    public static Band atLeast(double low) {
        return new Band(low, true, Double.POSITIVE_INFINITY, false);
    }

    public static Band atMost(double high) {
        return new Band(Double.NEGATIVE_INFINITY, false, high, true);
    }

    public static Band above(double low) {
        return new Band(low, false, Double.POSITIVE_INFINITY, false);
    }

    public static Band below(double high) {
        return new Band(Double.NEGATIVE_INFINITY, false, high, false);
    }

    public static Band exactly(double value) {
        return between(value, value);
    }

    /** Whether {@code value} lies in the band (NaN never does). */
    public boolean contains(double value) {
        boolean aboveLow = lowIncluded ? value >= low : value > low;
        boolean belowHigh = highIncluded ? value <= high : value < high;
        return aboveLow && belowHigh;
    }

    /** The band in the metric's unit: "0.85x to 1.05x", "at least 1.60x", "above 0", "exactly 1". */
    public String describe(Metric.Unit unit) {
        boolean noLow = low == Double.NEGATIVE_INFINITY;
        boolean noHigh = high == Double.POSITIVE_INFINITY;
        if (low == high) {
            return "exactly " + unit.format(low);
        }
        if (noHigh) {
            return (lowIncluded ? "at least " : "above ") + unit.format(low);
        }
        if (noLow) {
            return (highIncluded ? "at most " : "below ") + unit.format(high);
        }
        return unit.format(low) + " to " + unit.format(high);
    }
}
