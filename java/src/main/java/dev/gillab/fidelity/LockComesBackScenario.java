package dev.gillab.fidelity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 15: the lock that comes back. On the free-threaded build, importing an extension
 * module that has not declared {@code Py_mod_gil = Py_MOD_GIL_NOT_USED} turns the GIL on for
 * the whole process, for good ({@code Python/import.c}, {@code _PyImport_CheckGILForModule}:
 * "The global interpreter lock (GIL) has been enabled to load module ..."); one that declares
 * it leaves the GIL off.
 *
 * <p>CPython ({@code lock_returns.py}, PYTHON_GIL unset): two empty extension modules, one
 * with the slot and one without, compiled against the build's own headers into
 * {@link #extensionFolder} (once: they are kept there), then {@code sys._is_gil_enabled()} and
 * the countdown on 1 and 2 threads before any import, after importing the declared module and
 * after importing the undeclared one. gillab: a {@code free} interpreter, the same three
 * stages with {@code Interpreter.load} of a declared and an undeclared extension.
 *
 * <p>The figures: whether the lock is on at each stage (1 or 0 in every repeat: the share of
 * repeats with the lock on), and the countdown's 2-thread speedup, near 2 on two cores while
 * the lock is off and near 1 once it is on.
 */
public final class LockComesBackScenario implements FreeThreadedScenario {

    private static final ScenarioInfo INFO = new ScenarioInfo(15,
            "free-threaded: the lock that an undeclared extension brings back",
            "lock on (share of repeats); 2-thread speedup t_1 / t_2");

    /** The stages, named as {@code lock_returns.py} names them. */
    static final List<String> STAGES = List.of("before", "declared", "undeclared");

    /** Lock on in every repeat or in none: half-way is the line between "on" and "off". */
    private static final Tolerance ON_OR_OFF = new Tolerance.Share(0.5, 0.15);

    @Override
    public ScenarioInfo info() {
        return INFO;
    }

    @Override
    public List<Metric> metrics() {
        List<Metric> metrics = new ArrayList<>();
        for (String stage : STAGES) {
            metrics.add(Metric.scaled("lock on, " + label(stage), "enabled " + stage, 1.0, ON_OR_OFF));
        }
        for (String stage : STAGES) {
            metrics.add(Metric.ratio("2-thread speedup, " + label(stage), "t1 " + stage, "t2 " + stage,
                    Tolerance.RATIO));
        }
        return metrics;
    }

    @Override
    public Figures cpython(CPython python, Effort effort) {
        return python.run("lock_returns.py", "lock_returns", effort,
                List.of("--extensions", extensionFolder(System.getenv()).toString()));
    }

    @Override
    public Figures gillab(Effort effort) {
        return LockComesBack.measure(effort);
    }

    /**
     * Where {@code lock_returns.py} keeps the modules it compiles, beside the builds of
     * {@code scripts/build-cpython}: they depend only on the interpreter's headers, so they are
     * compiled once per interpreter (a subfolder per interpreter and version).
     */
    static Path extensionFolder(Map<String, String> environment) {
        return FreeThreadedBuild.cacheFolder(environment).resolve("fidelity-extensions");
    }

    private static String label(String stage) {
        return switch (stage) {
            case "before" -> "before any import";
            case "declared" -> "after the declared module";
            default -> "after the undeclared module";
        };
    }
}
