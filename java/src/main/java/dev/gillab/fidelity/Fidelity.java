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

    /**
     * Every scenario, in table order: CPython with its lock (1 to 10), the free-threaded build (11
     * to 15), then the event loop and the interpreters (16, 17).
     */
    public static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>(List.of(CountdownScenario.threads(), CountdownScenario.switchIntervals(),
                HashingScenario.bigBuffers(), HashingScenario.smallBuffers(), new ProcessPoolScenario(),
                new SleepScenario(), new ConvoyScenario(), new LostUpdateScenario(), new ReleaseCostScenario(),
                new OldLockScenario()));
        all.addAll(FreeThreadedScenarios.all());
        all.addAll(List.of(new EventLoopScenario(), new InterpretersScenario()));
        return List.copyOf(all);
    }

    /** The scenario numbered {@code number}; the error lists the valid numbers. */
    public static Scenario scenario(int number) {
        return scenarios().stream().filter(s -> s.info().number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fidelity scenario " + number
                + "; the scenarios are 1.."
                        + scenarios().size()));
    }

    /** The rows of {@code scenario} left out, neither side run, for {@code reason}. */
    public static ScenarioResult skipped(Scenario scenario, String reason) {
        List<Comparison> rows = scenario.metrics().stream()
                .map(m -> Comparison.skipped(scenario.info().number(), m, reason)).toList();
        return new ScenarioResult(scenario.info(), rows, 0, 0);
    }

    /**
     * Runs both sides of {@code scenario} and compares every metric.
     *
     * <p>The sides take turns, one repeat at a time (CPython, gillab, CPython, gillab...),
     * rather than all of CPython's repeats and then all of gillab's: on a shared machine the
     * load comes and goes over minutes, and taking turns exposes both sides to about the same
     * load. Each turn calibrates afresh, which costs a little time and keeps every turn
     * self-contained.
     */
    public static ScenarioResult run(Scenario scenario, CPython python, Effort effort) {
        Effort turn = effort.withRepeats(1);
        Figures.Builder cpython = Figures.builder();
        Figures.Builder gillab = Figures.builder();
        String cpythonFailure = null;
        String gillabFailure = null;
        long cpythonNanos = 0;
        long gillabNanos = 0;
        for (int r = 0; r < effort.repeats(); r++) {
            if (cpythonFailure == null) {
                long start = System.nanoTime();
                try {
                    cpython.addAll(scenario.cpython(python, turn));
                } catch (CPythonException e) {
                    cpythonFailure = "CPython: " + e.getMessage();
                }
                cpythonNanos += System.nanoTime() - start;
            }
            if (gillabFailure == null) {
                long start = System.nanoTime();
                try {
                    gillab.addAll(scenario.gillab(turn));
                } catch (RuntimeException e) {
                    gillabFailure = "gillab: " + e;
                }
                gillabNanos += System.nanoTime() - start;
            }
        }
        Figures c = cpythonFailure == null ? cpython.build() : null;
        Figures g = gillabFailure == null ? gillab.build() : null;
        String note = cpythonFailure == null ? gillabFailure
                : gillabFailure == null ? cpythonFailure : cpythonFailure + "; " + gillabFailure;
        List<Comparison> rows = new ArrayList<>();
        for (Metric m : scenario.metrics()) {
            rows.add(Comparison.of(scenario.info().number(), m, c == null ? null : m.derive().apply(c),
                    g == null ? null : m.derive().apply(g), note));
        }
        return new ScenarioResult(scenario.info(), rows,
                c == null ? 0 : cpythonNanos / 1e9, gillabNanos / 1e9);
    }
}
