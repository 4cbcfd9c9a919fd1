/**
 * JMH suites of the simulated interpreter lock itself: what polling, an uncontended release and
 * re-take, a hand-off and a contended wait cost, and how the switch interval shapes them.
 *
 * <h2>Where to start</h2>
 * <ul>
 *   <li>{@link dev.gillab.bench.lock.UncontendedReleaseBenchmark} and
 *       {@link dev.gillab.bench.lock.PollBenchmark}: the costs every thread pays.</li>
 *   <li>{@link dev.gillab.bench.lock.HandOffBenchmark},
 *       {@link dev.gillab.bench.lock.ContendedLockBenchmark} and
 *       {@link dev.gillab.bench.lock.SwitchIntervalSweepBenchmark}: the lock changing hands.</li>
 *   <li>{@link dev.gillab.bench.lock.LockedCountdownScalingBenchmark}: Beazley's countdown, one
 *       thread against two.</li>
 * </ul>
 * The JMH threads take part as Python threads do: {@link dev.gillab.bench.lock.CallingThread}
 * (holding the lock across its calls), {@link dev.gillab.bench.lock.AttachedThread} (holding it
 * only inside them), against a {@link dev.gillab.bench.lock.CpuBoundThread} running an
 * {@link dev.gillab.bench.lock.InterpretedLoop}.
 */
package dev.gillab.bench.lock;
