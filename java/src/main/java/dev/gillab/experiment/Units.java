package dev.gillab.experiment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How gillab prints figures, in lesson tables, the benchmark report and the fidelity report
 * alike: a few significant digits and a unit a person reads at a glance.
 *
 * <p>The rule for a number ({@link #number}):
 * <ul>
 *   <li>three significant digits, rounded half to even, with trailing zeros dropped:
 *       {@code 1.85}, {@code 12.3}, {@code 1.5}, {@code 2}, {@code 0.98};</li>
 *   <li>never an exponent, however small the number: {@code 0.000123}, {@code 0.00000123};</li>
 *   <li>a number of 1,000 or more keeps all its integer digits, grouped by thousands with commas:
 *       {@code 1,230}, {@code 12,345}, {@code 1,234,567,890};</li>
 *   <li>zero is {@code 0} (negative zero too); NaN, a figure that could not be computed (JMH's
 *       error of a single fork, a ratio of nothing), is {@code n/a}; the infinities are
 *       {@code inf} and {@code -inf}. None of them throws: a report is written whatever its
 *       figures are.</li>
 * </ul>
 * A duration ({@link #nanos}) is a number by that rule in the unit that keeps it under 1,000.
 */
public final class Units {

    /** What {@link #number} prints for NaN. */
    public static final String NOT_A_NUMBER = "n/a";

    private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_EVEN);

    private Units() {
    }

    /**
     * A number by the rule above: {@code "0.000123"}, {@code "1.5"}, {@code "12.3"}, {@code "12,345"}, {@code "n/a"}.
     */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return NOT_A_NUMBER;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(THREE_DIGITS);
        if (rounded.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) {
            return String.format(Locale.ROOT, "%,d", new BigDecimal(v).setScale(0, RoundingMode.HALF_EVEN)
                    .toBigIntegerExact());
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** A duration: "12.4 ns", "4.32 us", "120 us", "35.2 ms", "1.2 s", "3,600 s". */
    public static String nanos(double nanos) {
        if (Double.isNaN(nanos) || Double.isInfinite(nanos)) {
            return number(nanos) + " ns";
        }
        double abs = Math.abs(nanos);
        if (below1000(abs)) {
            return number(nanos) + " ns";
        }
        if (below1000(abs / 1e3)) {
            return number(nanos / 1e3) + " us";
        }
        if (below1000(abs / 1e6)) {
            return number(nanos / 1e6) + " ms";
        }
        return number(nanos / 1e9) + " s";
    }

    /** Whether {@code abs} still prints under 1,000 once rounded to three digits (999.6 does not). */
    private static boolean below1000(double abs) {
        return new BigDecimal(abs).round(THREE_DIGITS).compareTo(BigDecimal.valueOf(1000)) < 0;
    }

    /** A size: "64 B", "2 KiB", "1.5 KiB", "8 MiB". */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return binary(bytes / 1024.0) + " KiB";
        }
        return binary(bytes / (1024.0 * 1024)) + " MiB";
    }

    /** A ratio as a signed percentage: "+23%", "-1%", "+0.4%". */
    public static String percent(double ratio) {
        double p = 100 * ratio;
        return String.format(Locale.ROOT, Math.abs(p) < 10 ? "%+.1f%%" : "%+.0f%%", p);
    }

    /** A thread count: "1 thread", "2 threads". */
    public static String threads(int threads) {
        return threads + (threads == 1 ? " thread" : " threads");
    }

    private static String binary(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
