package dev.gillab.fidelity;

import java.util.Objects;

/**
 * What a scenario is called and what its figures are in.
 *
 * @param number its number in the fidelity table, 1 and up
 * @param title  a short title, e.g. "countdown split over 1, 2, 4 threads"
 * @param unit   what every metric's values are in: the chart's axis, e.g. "t_k / t_1"
 */
public record ScenarioInfo(int number, String title, String unit) {

    public ScenarioInfo {
        if (number < 1) {
            throw new IllegalArgumentException("a scenario's number is 1 or more, was " + number);
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(unit, "unit");
    }
}
