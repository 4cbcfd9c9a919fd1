package dev.gillab.fidelity;

import java.util.Objects;
import java.util.function.Function;

/**
 * One compared figure of a scenario: what it is, how it is derived from a side's
 * {@link Figures} (the same way for CPython and for gillab), and how close the two must be.
 *
 * @param what      what is compared, as the table says it, e.g. {@code "t2/t1 at 5 ms"}
 * @param derive    the figure from one side's measurements
 * @param tolerance how close gillab must come to CPython
 */
public record Metric(String what, Function<Figures, Series> derive, Tolerance tolerance) {

    public Metric {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(derive, "derive");
        Objects.requireNonNull(tolerance, "tolerance");
    }

    /** {@code numerator / denominator}, repeat by repeat. */
    public static Metric ratio(String what, String numerator, String denominator, Tolerance tolerance) {
        return new Metric(what, f -> Series.pairwise(f.get(numerator), f.get(denominator), (a, b) -> a / b), tolerance);
    }

    /** {@code minuend - subtrahend}, repeat by repeat. */
    public static Metric difference(String what, String minuend, String subtrahend, Tolerance tolerance) {
        return new Metric(what, f -> Series.pairwise(f.get(minuend), f.get(subtrahend), (a, b) -> a - b), tolerance);
    }

    /** One figure times {@code factor} (a unit change). */
    public static Metric scaled(String what, String name, double factor, Tolerance tolerance) {
        return new Metric(what, f -> f.get(name).map(v -> v * factor), tolerance);
    }
}
