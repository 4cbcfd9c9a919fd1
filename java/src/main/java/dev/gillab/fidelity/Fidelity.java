package dev.gillab.fidelity;

import java.util.ArrayList;
import java.util.List;

/**
 * How faithful the simulation is: each {@link Scenario} run in real CPython and in gillab, and
 * the figures compared ({@code gillab fidelity}).
 *
 * <p>A side that cannot run does not stop the others: without python every row says so and
 * gillab's figures are still measured; a gillab side that fails (a missing native library)
 * leaves its rows without a gillab figure, with the reason.
 */
public final class Fidelity {

    private Fidelity() {
    }

    /** Every scenario, in table order. */
    public static List<Scenario> scenarios() {
        return List.of(CountdownScenario.threads(), CountdownScenario.switchIntervals(),
                HashingScenario.bigBuffers(), HashingScenario.smallBuffers(), new ProcessPoolScenario(),
                new SleepScenario(), new ConvoyScenario(), new LostUpdateScenario(), new ReleaseCostScenario(),
                new OldLockScenario());
    }

    /** The scenario numbered {@code number}; the error lists the valid numbers. */
    public static Scenario scenario(int number) {
        return scenarios().stream().filter(s -> s.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fidelity scenario " + number + "; the scenarios are 1.."
                        + scenarios().size()));
    }

    /** Runs both sides of {@code scenario} and compares every metric. */
    public static ScenarioResult run(Scenario scenario, CPython python, Effort effort) {
        long start = System.nanoTime();
        Figures cpython = null;
        String note = null;
        try {
            cpython = scenario.cpython(python, effort);
        } catch (CPythonException e) {
            note = "CPython: " + e.getMessage();
        }
        long cpythonNanos = System.nanoTime() - start;

        start = System.nanoTime();
        Figures gillab = null;
        try {
            gillab = scenario.gillab(effort);
        } catch (RuntimeException e) {
            note = (note == null ? "" : note + "; ") + "gillab: " + e;
        }
        long gillabNanos = System.nanoTime() - start;

        List<Comparison> rows = new ArrayList<>();
        for (Metric m : scenario.metrics()) {
            rows.add(Comparison.of(scenario.number(), m, cpython == null ? null : m.derive().apply(cpython),
                    gillab == null ? null : m.derive().apply(gillab), note));
        }
        return new ScenarioResult(scenario.number(), scenario.title(), scenario.unit(), rows,
                cpython == null ? 0 : cpythonNanos / 1e9, gillabNanos / 1e9);
    }
}
