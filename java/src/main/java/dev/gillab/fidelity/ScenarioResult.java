package dev.gillab.fidelity;

import java.util.List;

/**
 * One scenario's rows of the fidelity table, and how long each side took to produce them.
 *
 * @param info           the scenario's number, title and unit
 * @param comparisons    one row per metric
 * @param cpythonSeconds wall time of CPython's side (0 when it did not run)
 * @param gillabSeconds  wall time of gillab's side
 */
public record ScenarioResult(ScenarioInfo info, List<Comparison> comparisons,
                             double cpythonSeconds, double gillabSeconds) {

    public ScenarioResult {
        comparisons = List.copyOf(comparisons);
    }
}
