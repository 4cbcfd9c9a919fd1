package dev.gillab.fidelity;

import java.util.List;

/**
 * One experiment run twice, in CPython and in gillab, and the figures compared between them.
 *
 * <p>Each side measures raw figures under the same names ({@link Figures}); each
 * {@link Metric} derives a compared value from them, the same way for both sides. CPython's
 * side runs a script shipped with gillab (see {@link CPython}); gillab's side builds the same
 * experiment from the simulated lock, the kernels and the bindings.
 */
public interface Scenario {

    /** Its number, title and unit. */
    ScenarioInfo info();

    /** The figures compared, in table order. */
    List<Metric> metrics();

    /**
     * CPython's side: runs the scenario's script (or quotes a published figure).
     *
     * @throws CPythonException if python is unavailable or the script fails
     */
    Figures cpython(CPython python, Effort effort);

    /** gillab's side. */
    Figures gillab(Effort effort);
}
