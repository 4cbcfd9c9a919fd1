package dev.gillab.report;

import dev.gillab.experiment.Units;
import java.util.Locale;

/**
 * One headline figure of a benchmark run: a ratio or a cost, named, with the direction in
 * which it is better (so that a change against a baseline can be called better or worse).
 *
 * @param name      what it is, e.g. "release + re-take / ReentrantLock"
 * @param value     the figure
 * @param unit      "x", "ns", "us"
 * @param direction which way is better
 * @param detail    how it was computed, from which entries
 */
public record Headline(String name, double value, String unit, Direction direction, String detail) {

    /** Which way a figure is better. */
    public enum Direction {
        HIGHER_IS_BETTER, LOWER_IS_BETTER,
        /** Neither: a figure to be faithful, not fast (locked Java should not scale, as in CPython). */
        NEITHER
    }

    /** The value with its unit, e.g. {@code 1.93x} or {@code 21.4 ns}. */
    public String formatted() {
        return unit.equals("x") ? String.format(Locale.ROOT, "%.2fx", value) : Units.number(value) + " " + unit;
    }
}
