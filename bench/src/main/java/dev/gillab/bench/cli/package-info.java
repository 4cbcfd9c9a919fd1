/**
 * {@code gillab bench}: runs the suites through JMH with a progress bar and writes the results
 * and their report.
 *
 * <p>Start with {@link dev.gillab.bench.cli.SuiteTable}, the one place that says what runs under
 * each {@link dev.gillab.bench.cli.Profile}; {@link dev.gillab.bench.cli.Plan} turns it into JMH
 * runs with an {@link dev.gillab.bench.cli.Estimate} of their time, and
 * {@link dev.gillab.bench.cli.BenchCommand} runs them, keeping what finished
 * ({@link dev.gillab.bench.cli.FinishedResults}) and showing progress
 * ({@link dev.gillab.bench.cli.ProgressOutput}).
 */
package dev.gillab.bench.cli;
