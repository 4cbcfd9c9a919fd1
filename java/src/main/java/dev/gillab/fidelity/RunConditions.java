package dev.gillab.fidelity;

import dev.gillab.experiment.Machine;
import java.nio.file.Path;
import java.util.List;

/**
 * Where, when and beside what a fidelity run happened: the machine, the CPython that ran, and
 * the load average before and after, which says whether the machine was busy meanwhile.
 *
 * @param machine    the machine, the JDK, the date and the gillab build
 * @param cpython    the CPython that ran, or "none"
 * @param loadBefore the 1, 5 and 15 minute load averages at the start
 * @param loadAfter  the same at the end (empty until then)
 */
public record RunConditions(Machine machine, String cpython, String loadBefore, String loadAfter) {

    /** This machine, now. */
    public static RunConditions current(CPython python) {
        return current(python.version());
    }

    /** This machine, now, with CPython and its free-threaded build when that is available. */
    public static RunConditions current(CPython python, CPython freeThreaded) {
        return current(freeThreaded.available()
                ? python.version() + "; free-threaded build: " + freeThreaded.describe() : python.version());
    }

    private static RunConditions current(String cpython) {
        return new RunConditions(Machine.current(), cpython, loadAverage(), "");
    }

    /** This record with the load average of now as the load after. */
    public RunConditions finished() {
        return new RunConditions(machine, cpython, loadBefore, loadAverage());
    }

    private static String loadAverage() {
        return Machine.firstLineStartingWith(Path.of("/proc/loadavg"), "")
                .map(l -> String.join(" ", List.of(l.split("\\s+")).subList(0, 3))).orElse(Machine.UNKNOWN);
    }
}
