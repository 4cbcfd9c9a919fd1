/**
 * The JMH benchmark suites of gillab: what the lessons show, measured properly.
 *
 * <h2>Where to start</h2>
 * <ul>
 *   <li>{@link dev.gillab.bench.ScalingBenchmark}: the headline, every kernel through every
 *       binding, holding the lock or releasing it, at 1, 2 and 4 threads.</li>
 *   <li>{@link dev.gillab.bench.CallOverheadBenchmark} and
 *       {@link dev.gillab.bench.ArrayPassingBenchmark}: what one call and one array cost per
 *       binding.</li>
 *   <li>{@link dev.gillab.bench.ConvoyBenchmark}: the convoy effect as a latency distribution;
 *       {@link dev.gillab.bench.CatalogueBenchmark}: every lesson as one single-shot run.</li>
 * </ul>
 * The lock's own suites are in {@code bench.lock}, the {@code gillab bench} command that runs
 * them all in {@code bench.cli}; the results become a report through {@link dev.gillab.report}.
 */
package dev.gillab.bench;
