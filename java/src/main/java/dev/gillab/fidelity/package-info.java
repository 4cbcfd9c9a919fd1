/**
 * How faithful the simulation is: experiments run twice, once in real CPython and once in
 * gillab, and their figures compared ({@code gillab fidelity}; the results and their
 * explanations are in {@code docs/FIDELITY.md}).
 *
 * <h2>The method</h2>
 * <ol>
 *   <li><b>One experiment, two implementations.</b> Each {@link dev.gillab.fidelity.Scenario}
 *       has a CPython side, a standard-library script shipped as a class-path resource and run
 *       by {@link dev.gillab.fidelity.CPython}, and a gillab side built from the simulated lock,
 *       the kernels and the bindings. Both report raw figures under the same names
 *       ({@link dev.gillab.fidelity.Figures}).</li>
 *   <li><b>Sizes by time, comparisons by ratio.</b> CPython's interpreter is some 20 times
 *       slower than gillab's interpreted Java, so each side sizes its own work to last about the
 *       same time ({@link dev.gillab.fidelity.Effort}), and what is compared is dimensionless: a
 *       time against a baseline, a latency in switch intervals, a share of lost updates. Where
 *       the length of each call decides the outcome (short released calls), gillab's calls are
 *       sized to last as long as CPython's ({@link dev.gillab.fidelity.DurationMatch}).</li>
 *   <li><b>Derived the same way.</b> A {@link dev.gillab.fidelity.Metric} derives each compared
 *       figure from either side's raw figures, repeat by repeat.</li>
 *   <li><b>Warmed up, then in turns.</b> A calibration ends with an unmeasured full-length run
 *       ({@code Calibration}); the sides alternate, one repeat each, so that a shared
 *       machine's changing load falls on both alike ({@link dev.gillab.fidelity.Fidelity#run}).</li>
 *   <li><b>Judged by tolerance and direction.</b> Medians are compared: ratios within ±15%,
 *       latencies within a factor of 2, and always the same direction: slower stays slower
 *       ({@link dev.gillab.fidelity.Tolerance}). A figure whose values fall into two modes is
 *       judged by the share in one mode, not by a median that jumps between them
 *       ({@link dev.gillab.fidelity.Tolerance.ModeShare}).</li>
 *   <li><b>Reported with the machine.</b> {@link dev.gillab.fidelity.FidelityReport} prints the
 *       table, writes it as Markdown with the machine, date, load and command, and
 *       {@link dev.gillab.fidelity.FidelityChart} draws a chart per scenario.</li>
 * </ol>
 */
package dev.gillab.fidelity;
