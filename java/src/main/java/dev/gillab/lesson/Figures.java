package dev.gillab.lesson;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The figures a lesson run measured, by {@link Metric}, in the order they were put. */
public final class Figures {

    private final Map<Metric, Double> values = new LinkedHashMap<>();

    /** Records {@code value} for {@code metric}; a metric is measured once. */
    public Figures put(Metric metric, double value) {
        if (values.putIfAbsent(metric, value) != null) {
            throw new IllegalStateException("metric " + metric.name() + " was already measured");
        }
        return this;
    }

    /** The figures, read-only. */
    public Map<Metric, Double> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
