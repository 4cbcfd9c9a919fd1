package dev.gillab.lesson;

import java.util.Locale;
import java.util.Objects;

/**
 * A figure that a lesson measures, declared once as a constant of the lesson and used by name
 * nowhere else: the lesson stores its value with {@link Figures#put}, its expectations and its
 * test read it back with {@link LessonResult#get}. A typo is a compile error, not a missing key.
 *
 * <p>A figure measured once per configuration is a family: {@code SPEEDUP.threads(2)} is the
 * speedup of the 2-thread run, named {@code "speedup.2"} in the JSON output, and
 * {@code COST.at("4KiB")} the cost at one size.
 *
 * @param name    the key in the JSON output and in {@code gillab lesson --json}: lower camel case, dots between parts
 * @param meaning what it measures, in a few words, e.g. "speedup over 1 thread"
 * @param unit    how its value reads
 */
public record Metric(String name, String meaning, Unit unit) {

    /** How a figure's value is written. */
    public enum Unit {
        /** A ratio of two like quantities: {@code 1.95x}. */
        RATIO,
        /** A count of events or things: {@code 179}. */
        COUNT,
        /** A share of a whole, stored as 0 to 1, written as {@code 42%}. */
        SHARE,
        /** Nanoseconds: {@code 35 ns}. */
        NANOS,
        /** Milliseconds: {@code 1.5 ms}. */
        MILLIS,
        /** A plain number: CPU time over wall time, bytes, items per second. */
        NUMBER;

        /** {@code value} in this unit, short. */
        public String format(double value) {
            return switch (this) {
                case RATIO -> String.format(Locale.ROOT, "%.2fx", value);
                case COUNT -> String.format(Locale.ROOT, "%.0f", value);
                case SHARE -> String.format(Locale.ROOT, "%.0f%%", 100 * value);
                case NANOS -> String.format(Locale.ROOT, "%.0f ns", value);
                case MILLIS -> String.format(Locale.ROOT, "%.1f ms", value);
                case NUMBER -> Math.abs(value) >= 100 || value == Math.rint(value)
                        ? String.format(Locale.ROOT, "%.0f", value)
                        : String.format(Locale.ROOT, "%.2f", value);
            };
        }
    }

    public Metric {
        Objects.requireNonNull(unit, "unit");
        if (name == null || !name.matches("[a-z][A-Za-z0-9]*(\\.[A-Za-z0-9-]+)*")) {
            throw new IllegalArgumentException("a metric's name is lower camel case with dotted parts, not '" + name
                    + "'");
        }
        if (meaning == null || meaning.isBlank()) {
            throw new IllegalArgumentException("metric " + name + " needs a meaning");
        }
    }

    public static Metric of(String name, String meaning, Unit unit) {
        return new Metric(name, meaning, unit);
    }

    /** The member of this family for one configuration: {@code COST.at("4KiB")} is {@code cost.4KiB}, "..., 4KiB". */
    public Metric at(Object configuration) {
        String key = String.valueOf(configuration);
        return new Metric(name + "." + key, meaning + ", " + key, unit);
    }

    /** The member of this family for a run on {@code n} threads: {@code speedup.2}, "..., 2 threads". */
    public Metric threads(int n) {
        return new Metric(name + "." + n, meaning + ", " + n + (n == 1 ? " thread" : " threads"), unit);
    }

    /** {@code value} in this metric's unit. */
    public String format(double value) {
        return unit.format(value);
    }
}
