/**
 * The experiment kit: how the lessons, the fidelity scenarios and the benchmarks run simulated
 * threads and measure them.
 *
 * <h2>Where to start</h2>
 * <ul>
 *   <li>{@link dev.gillab.experiment.ThreadedRun}: N threads attached to one interpreter, started
 *       together, measured as one {@link dev.gillab.experiment.Measurement} (wall time, CPU time,
 *       the lock's statistics and trace).</li>
 *   <li>{@link dev.gillab.experiment.KernelsUnderLock}: the three ways a kernel runs under an
 *       interpreter, interpreted, native holding the lock, native releasing it.</li>
 *   <li>{@link dev.gillab.experiment.CallLoop}, {@link dev.gillab.experiment.ProbedRun},
 *       {@link dev.gillab.experiment.InFlightProbe} and {@link dev.gillab.experiment.CallTimer}:
 *       native calls in an interpreted loop, counted in flight or timed per call.</li>
 *   <li>{@link dev.gillab.experiment.WarmUp}: the untimed warm-up before anything is measured.</li>
 *   <li>The measurements of one lesson each, kept here so that the lesson shows its pattern:
 *       {@link dev.gillab.experiment.ProbedSeries}, {@link dev.gillab.experiment.PairedTimings},
 *       {@link dev.gillab.experiment.BesideACountdown}, {@link dev.gillab.experiment.Tile},
 *       {@link dev.gillab.experiment.Cancellation}, {@link dev.gillab.experiment.CancelLatency},
 *       {@link dev.gillab.experiment.ResponsivenessProbe}, {@link dev.gillab.experiment.CallbackRun},
 *       {@link dev.gillab.experiment.MisuseRun}, {@link dev.gillab.experiment.CollectionDuringCall},
 *       {@link dev.gillab.experiment.TasksOverThreads}, {@link dev.gillab.experiment.LatencyBesideBusyThreads},
 *       {@link dev.gillab.experiment.ThreadPerTaskRun}, {@link dev.gillab.experiment.SplitCountdown} and
 *       {@link dev.gillab.experiment.LoopLag} (an event loop's lag), {@link dev.gillab.experiment.CountdownSizing}
 *       (a countdown sized to last a given time).</li>
 *   <li>{@link dev.gillab.experiment.Row}, {@link dev.gillab.experiment.TextTable},
 *       {@link dev.gillab.experiment.Units} (the one rule for printing figures) and
 *       {@link dev.gillab.experiment.Machine} (where and when a figure was measured).</li>
 * </ul>
 * It builds on {@link dev.gillab.lock} and {@link dev.gillab.kernel}; the Python programs it
 * measures use the stand-ins of {@link dev.gillab.stdlib}. Nothing here knows a lesson: the
 * lessons, {@link dev.gillab.fidelity} and the benchmarks all call into it.
 */
package dev.gillab.experiment;
