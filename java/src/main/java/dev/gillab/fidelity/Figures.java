package dev.gillab.fidelity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one side (CPython or gillab) measured in one scenario: named series, e.g.
 * {@code "t2@5000us"} (seconds of a countdown split over two threads at a 5 ms switch
 * interval). Both sides name their figures alike, so that one {@link Metric} derives the
 * compared value from either.
 *
 * @param series the figures by name, in the order they were first recorded
 */
public record Figures(Map<String, Series> series) {

    public Figures {
        series = Collections.unmodifiableMap(new LinkedHashMap<>(series));
    }

    /** The series named {@code name}. */
    public Series get(String name) {
        Series s = series.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no figure '" + name + "'; the figures are " + series.keySet());
        }
        return s;
    }

    /** The same series, each name preceded by {@code prefix}: two runs' figures kept apart in one set. */
    public Figures prefixed(String prefix) {
        Map<String, Series> renamed = new LinkedHashMap<>();
        series.forEach((name, s) -> renamed.put(prefix + name, s));
        return new Figures(renamed);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects one value per repeat under each name. */
    public static final class Builder {

        private final Map<String, List<Double>> values = new LinkedHashMap<>();

        private Builder() {
        }

        /** Appends one repeat's value to the series {@code name}. */
        public Builder add(String name, double value) {
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        /** Appends every value of {@code more}, series by series: one more turn of repeats. */
        public Builder addAll(Figures more) {
            more.series().forEach((name, s) -> s.values().forEach(v -> add(name, v)));
            return this;
        }

        public Figures build() {
            Map<String, Series> series = new LinkedHashMap<>();
            values.forEach((name, v) -> series.put(name, new Series(v)));
            return new Figures(series);
        }
    }
}
