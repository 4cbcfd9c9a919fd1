package dev.gillab.bench.cli;

/**
 * How much of each suite {@code gillab bench} runs, and for how long. The settings of every
 * suite under each profile are in {@link SuiteTable}.
 */
public enum Profile {

    /**
     * Reduced parameters, 1 fork, 1 warm-up and 5 measurement iterations of 300 ms: under 5
     * minutes on 2 cores. JMH computes an error bar (a 99.9% confidence interval from
     * Student's t over the iterations) from at least 3 measurement iterations; with one, the
     * error column is empty. See {@link SuiteTable#QUICK_ITERATIONS}.
     */
    QUICK,

    /** Every parameter, iterations and forks as each suite's annotations say: the complete run. */
    FULL,

    /**
     * The CI run: reduced parameters chosen so that every suite and every binding runs at
     * least once, 1 fork, no warm-up, 1 iteration of 100 ms. The figures mean nothing (no
     * warm-up, no error bar); the point is that nothing has rotted. A failing benchmark fails
     * the run.
     */
    SMOKE
}
