/**
 * The simulated interpreter lock: CPython's GIL, in four modes, with the same API, statistics
 * and trace for all of them.
 *
 * <h2>Where to start</h2>
 * <ul>
 *   <li>{@link dev.gillab.lock.Interpreter}: one lock and its threads; attach, poll, release,
 *       block, ensure. Its essay maps each operation to the CPython function it mirrors.</li>
 *   <li>{@link dev.gillab.lock.LockMode} and {@link dev.gillab.lock.InterpreterConfig}: which
 *       rules, which intervals, trace or not.</li>
 *   <li>{@link dev.gillab.lock.ReleasingKernels} (the correct extension) and
 *       {@link dev.gillab.lock.HoldingKernels} (interpreted code, or the extension that forgot
 *       to release): decorators over {@link dev.gillab.kernel.Kernels}.</li>
 *   <li>{@link dev.gillab.lock.LockStats}, {@link dev.gillab.lock.Trace} (Chrome Trace Event
 *       JSON for Perfetto), and the JFR events {@code gillab.LockWait}, {@code gillab.LockHeld},
 *       {@code gillab.DropRequest}.</li>
 * </ul>
 *
 * <h2>The algorithms</h2>
 * Each class opens with the essay of its part: {@code Gil} (the take/drop funnel every mode
 * shares), {@code CondvarGil} (the boolean, mutex and condition of {@code ceval_gil.c}, literal
 * take and drop steps, interrupts, virtual threads), {@code SwitchGil} (the new GIL of 3.2+),
 * {@code PriorityGil} (Beazley's proposal), {@code TicksGil} (the old GIL of 3.1 and earlier),
 * {@code NoGil} (free threading).
 */
package dev.gillab.lock;
