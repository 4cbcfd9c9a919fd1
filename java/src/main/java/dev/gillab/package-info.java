/**
 * gillab: a laboratory for CPython's Global Interpreter Lock, in Java and C.
 *
 * <h2>Where to start</h2>
 * <ul>
 *   <li>{@link dev.gillab.lock}: the simulated interpreter lock, the heart of everything else.</li>
 *   <li>{@link dev.gillab.kernel}: the CPU-bound kernels, one interface for every way of running
 *       them; {@link dev.gillab.binding}: the C library behind JNA, JavaCPP and the FFM API.</li>
 *   <li>{@link dev.gillab.lesson.catalogue}: the lessons, each a pattern of CPython's world with
 *       its measurement; {@link dev.gillab.experiment} measures them, and
 *       {@link dev.gillab.stdlib} stands in for the Python standard library they use.</li>
 *   <li>{@link dev.gillab.fidelity}: the same experiments in real CPython and in gillab, side by
 *       side; {@link dev.gillab.report}: the charts, timelines and reports;
 *       {@link dev.gillab.cli}: the {@code gillab} command line over all of it.</li>
 * </ul>
 * {@link dev.gillab.BuildInfo} names the build (version and commit) that every report carries.
 */
package dev.gillab;
