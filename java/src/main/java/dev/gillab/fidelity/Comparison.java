package dev.gillab.fidelity;

import java.util.Objects;

/**
 * One row of the fidelity table: a figure of one scenario in CPython and in gillab, and
 * whether they match.
 *
 * @param scenario  the scenario's number
 * @param what      what is compared
 * @param cpython   CPython's figure, or null when its side did not run
 * @param gillab    gillab's figure, or null when its side did not run
 * @param tolerance how close they must be
 * @param judgement whether they are
 * @param note      why a side is missing, or null
 */
public record Comparison(int scenario, String what, Series cpython, Series gillab, Tolerance tolerance,
                         Judgement judgement, String note) {

    public Comparison {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(judgement, "judgement");
    }

    /** Compares the two sides' medians (either may be null: the side did not run, {@code note} says why). */
    public static Comparison of(int scenario, Metric metric, Series cpython, Series gillab, String note) {
        Judgement j;
        if (gillab == null) {
            j = Judgement.NO_GILLAB;
        } else if (cpython == null) {
            j = Judgement.NO_CPYTHON;
        } else {
            j = metric.tolerance().judge(cpython.median(), gillab.median());
        }
        return new Comparison(scenario, metric.what(), cpython, gillab, metric.tolerance(), j, note);
    }

    /** A row of a scenario that did not run, for {@code reason}. */
    public static Comparison skipped(int scenario, Metric metric, String reason) {
        return new Comparison(scenario, metric.what(), null, null, metric.tolerance(), Judgement.SKIPPED, reason);
    }
}
