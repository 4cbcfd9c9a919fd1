package dev.gillab.lesson;

import java.util.Objects;

/**
 * One thing a lesson expects, declared as data the way jcstress declares its {@code @Outcome}s:
 * a figure, the band it should fall in, and what the machine must offer for the claim to be
 * fair. A lesson's test checks its expectations, {@code gillab lessons} prints them, and the
 * README's catalogue is generated from them.
 *
 * @param metric the figure
 * @param band   the values that hold
 * @param needs  what the check needs of the machine
 * @param cpython what real CPython does, with its source ("CPython 3.11: 0.96x, fidelity
 *                scenario 1"), or empty when the figure has no CPython counterpart
 */
public record Expectation(Metric metric, Band band, Needs needs, String cpython) {

    /** What an expectation needs of the machine to be a fair test of the claim. */
    public enum Needs {
        /** Nothing: a count or a fact that holds on any machine, at any scale. Tests check it every time. */
        ANY_MACHINE("any machine"),
        /**
         * Two cores free for the run: parallelism, overlap of calls. Tests check it when a probe
         * finds two free cores around the run, and skip it otherwise.
         */
        TWO_FREE_CORES("two free cores"),
        /**
         * An idle machine and the lesson's full size: a band of wall times. A timing band is not
         * a unit test's business; {@code gillab lesson} judges it on every run and prints the verdict.
         */
        IDLE_MACHINE("an idle machine");

        private final String label;

        Needs(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Expectation {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(band, "band");
        Objects.requireNonNull(needs, "needs");
        cpython = cpython == null ? "" : cpython;
    }

    /** An expectation with no CPython counterpart. */
    public static Expectation of(Metric metric, Band band, Needs needs) {
        return new Expectation(metric, band, needs, "");
    }

    /** This expectation, with what CPython does. */
    public Expectation cpython(String whatCPythonDoes) {
        return new Expectation(metric, band, needs, whatCPythonDoes);
    }

    /** Whether {@code value} meets it. */
    public boolean heldBy(double value) {
        return band.contains(value);
    }

    /** "speedup over 1 thread, 2: 0.85x to 1.05x (an idle machine; CPython 3.11: 0.96x, fidelity scenario 1)". */
    public String describe() {
        return metric.meaning() + ": " + band.describe(metric.unit()) + " (" + needs.label()
                + (cpython.isEmpty() ? "" : "; " + cpython) + ")";
    }
}
