package dev.gillab.lesson;

/**
 * One expectation held against one run.
 *
 * @param expectation what was expected
 * @param value       what the run measured, or NaN if it did not measure that figure (a
 *                    configuration left out by the user's options)
 */
public record Judgement(Expectation expectation, double value) {

    /** Whether the run measured the figure. */
    public boolean measured() {
        return !Double.isNaN(value);
    }

    /** Whether the figure was measured and fell in the band. */
    public boolean held() {
        return measured() && expectation.heldBy(value);
    }

    /** "held: speedup over 1 thread, 2 = 0.95x, expected 0.85x to 1.05x (an idle machine)". */
    public String describe() {
        Metric m = expectation.metric();
        if (!measured()) {
            return "not measured: " + m.meaning() + " (a configuration of the default run was left out)";
        }
        return (held() ? "held" : "missed") + ": " + m.meaning() + " = " + m.format(value) + ", expected "
                + expectation.band().describe(m.unit()) + " (" + expectation.needs().label() + ")";
    }
}
