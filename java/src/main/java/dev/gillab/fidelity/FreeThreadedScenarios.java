package dev.gillab.fidelity;

import java.util.List;
import java.util.Map;

/**
 * The scenarios held against the free-threaded build ({@link FreeThreadedScenario}), in table
 * order, and what they share: each runs its CPython script with the GIL off
 * ({@code PYTHON_GIL=0}) and on ({@code PYTHON_GIL=1}) on the same build, against gillab's
 * {@code free} and {@code switch} modes, and tells the two runs apart by a prefix on every figure
 * name.
 */
public final class FreeThreadedScenarios {

    /** The prefix of the figures measured without the lock: PYTHON_GIL=0, gillab's {@code free} mode. */
    static final String NO_LOCK = "no lock: ";
    /** The prefix of the figures measured with it: PYTHON_GIL=1, gillab's {@code switch} mode. */
    static final String LOCK = "lock: ";

    private FreeThreadedScenarios() {
    }

    /** Every free-threaded scenario, numbered after the CPython 3.11 ones. */
    public static List<Scenario> all() {
        return List.of(FreeCountdownScenario.threads(), FreeCountdownScenario.iterationCost(),
                new FreeLostUpdateScenario(), new CtypesScenario(), new LockComesBackScenario());
    }

    /** Both prefixes: without the lock, then with it. */
    static final List<String> LOCKS = List.of(NO_LOCK, LOCK);

    /** What the two sides of a figure under {@code lock} ran, for the table: "PYTHON_GIL=0 / free". */
    static String sides(String lock) {
        return lock.equals(NO_LOCK) ? "PYTHON_GIL=0 / free" : "PYTHON_GIL=1 / switch";
    }

    /** Runs {@code script} with the GIL off and then on, on the same build; the figures prefixed. */
    static Figures withAndWithoutLock(CPython python, String script, String scenario, Effort effort,
                                      List<String> args) {
        return Figures.builder()
                .addAll(python.run(script, scenario, effort, args, Map.of(CPython.PYTHON_GIL, "0")).prefixed(NO_LOCK))
                .addAll(python.run(script, scenario, effort, args, Map.of(CPython.PYTHON_GIL, "1")).prefixed(LOCK))
                .build();
    }
}
