package dev.gillab.lesson.catalogue;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.experiment.WarmUp;
import dev.gillab.kernel.Kernels;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Verdict;
import dev.gillab.lock.Extension;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.PythonGil;
import dev.gillab.lock.Trace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * <h2>Lesson 19: one undeclared extension brings the lock back to a free-threaded interpreter</h2>
 *
 * <p>The problem. A free-threaded CPython (3.13t, 3.14t) runs pure Python threads in parallel,
 * until the program imports one C extension that has not declared itself safe without the
 * interpreter lock. Then the lock comes back, for every thread, for the rest of the process
 * ({@code _PyImport_CheckGILForModule} in {@code Python/import.c}), with one
 * {@code RuntimeWarning} on stderr that is easy to miss: the program still works, it just
 * stops scaling. The fix is in the extension: declare {@code Py_mod_gil = Py_MOD_GIL_NOT_USED}
 * once its own state is thread-safe (PEP 703, "Py_mod_gil Slot"). Until it is fixed, a user can
 * keep the lock off with {@code PYTHON_GIL=0}, at their own risk.
 */
public final class Lesson19_BrokenUndeclaredExtensionBringsTheLockBack implements Lesson {

    /** BROKEN: an extension built before free threading, with no {@code Py_mod_gil} slot. */
    static final Extension UNDECLARED = Extension.undeclared("legacy_hash");

    /** RIGHT: the same extension declaring {@code {Py_mod_gil, Py_MOD_GIL_NOT_USED}}. */
    static final Extension DECLARED = Extension.declared("modern_hash");

    /**
     * What each thread of the program does, in both versions: import the extension (only the
     * first import does anything), call it (its own call releases the lock either way), then run
     * pure Python, which runs in parallel only while the lock stays off.
     */
    static void work(Interpreter interpreter, Extension extension, Kernels extensionCalls, Kernels pure,
                     byte[] data, long share) {
        interpreter.load(extension);    // import legacy_hash
        extensionCalls.sha256(data);    // legacy_hash.sha256(data)
        pure.countdown(share);          // while n > 0: n -= 1
    }

    /*
     * What to observe: with the declared extension the "lock" column says "off" and 2 threads
     * finish the countdown in about half the time of one (on two free cores); with the undeclared
     * one the first import turns the lock on ("on"), and 2 threads take as long as one, with
     * switches and forced drops to show for it, as under the switch lock (lesson 01). With
     * PYTHON_GIL=0 the lock stays off whatever is imported. Free-threaded CPython's own figures for
     * the same pair are fidelity scenario 15 (docs/FIDELITY.md).
     *
     * Measured (2026-12-07, 2 cores, otherwise idle: load average 1.4; JDK 25.0.3):
     *
     * $ ./gillab lesson 19
     * run                                  threads  wall ms  speedup  switches  forced drops  lock wait  CPU/wall  lock
     * declared, 1 thread                         1    850.8    1.00x         0             0         0%      1.00  off
     * declared, 2 threads                        2    435.6    1.95x         0             0         0%      1.64  off
     * undeclared, 1 thread                       1   1430.0    1.00x         1             0         0%      0.99  on
     * undeclared, 2 threads                      2   1167.9    1.22x       181           179        40%      0.99  on
     * undeclared, PYTHON_GIL=0, 1 thread         1    858.9    1.00x         0             0         0%      1.00  off
     * undeclared, PYTHON_GIL=0, 2 threads        2    432.6    1.99x         0             0         0%      1.66  off
     *
     * The declared extension and PYTHON_GIL=0 keep the lock off: 2 threads at 1.95x and 1.99x of
     * one, CPU/wall 1.64 and 1.66. The undeclared one turns it on: CPU/wall 0.99, 181 switches
     * and 179 forced drops, the threads taking turns. Its 2-thread figure, 1.22x, is above the
     * 0.85x-1.05x band because its 1-thread baseline is slow (1430 ms against 851 ms free): the
     * first run through the lock that came back pays for compiling that path; the serialisation
     * itself is what CPU/wall shows. (Free-threaded CPython, fidelity scenario 15: 2-thread
     * speedup 1.91 before any import, 2.0 after the declared module, 1.0 after the undeclared.)
     *
     * How to run: ./gillab lesson 19   (options: --threads 1,2  --binding ffm  --quick)
     */

    /** Countdown iterations at scale 1, over all threads of a run: about half a second of interpreted Java. */
    static final long COUNTDOWN_ITERATIONS = 300_000_000L;

    /** The extension's input: one short released call per thread. */
    static final int DATA_BYTES = 64 * 1024;

    /** A speedup above this means the threads ran in parallel (serialised threads stay near 1). */
    static final double PARALLEL_SPEEDUP = 1.4;

    private static final LessonInfo INFO = new LessonInfo(19, "An undeclared extension brings the lock back",
            Verdict.BROKEN,
            "free-threaded CPython 3.13t/3.14t importing a C extension without Py_mod_gil (RuntimeWarning: "
                    + "the GIL has been enabled to load module ...); PYTHON_GIL=0",
            "declared: 2 threads 1.6x to 2.0x of 1 on 2 cores, lock off; undeclared: 0.85x to 1.05x, lock on; "
                    + "PYTHON_GIL=0: like declared",
            "one extension without Py_mod_gil turns a free interpreter's lock back on: no more scaling");

    /** The three programs compared. */
    enum Program {
        DECLARED_EXTENSION("declared", DECLARED, PythonGil.DEFAULT),
        UNDECLARED_EXTENSION("undeclared", UNDECLARED, PythonGil.DEFAULT),
        UNDECLARED_WITH_OVERRIDE("undeclared, PYTHON_GIL=0", UNDECLARED, PythonGil.OFF);

        final String label;
        final Extension extension;
        final PythonGil pythonGil;

        Program(String label, Extension extension, PythonGil pythonGil) {
            this.label = label;
            this.extension = extension;
            this.pythonGil = pythonGil;
        }

        /** The metric key: {@code declared}, {@code undeclared}, {@code override}. */
        String key() {
            return this == UNDECLARED_WITH_OVERRIDE ? "override" : label;
        }
    }

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        Binding binding = settings.bindingOr(Binding.FFM);
        byte[] data = new byte[DATA_BYTES];
        long total = settings.scaled(COUNTDOWN_ITERATIONS, 4_000_000);
        List<Row> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        WarmUp.onTwoThreads(settings::interpreterIn, List.of(LockMode.FREE, LockMode.SWITCH), interpreter -> {
            Kernels pure = KernelsUnderLock.interpreted(interpreter);
            return () -> pure.countdown(WarmUp.COUNTDOWN);
        });
        Trace telling = null;
        for (Program program : Program.values()) {
            Measurement baseline = null;
            for (int threads : settings.threadsOr(List.of(1, 2))) {
                Interpreter interpreter = Interpreter.create(InterpreterConfig.of(LockMode.FREE)
                        .withSwitchIntervalMicros(settings.switchIntervalOr(InterpreterConfig.DEFAULT_SWITCH_INTERVAL_MICROS))
                        .withTrace(settings.trace())
                        .withPythonGil(program.pythonGil));
                Kernels pure = KernelsUnderLock.interpreted(interpreter);
                Kernels extensionCalls = KernelsUnderLock.releasing(interpreter, binding);
                long share = total / threads;
                Measurement m = ThreadedRun.run(interpreter, threads, "thread",
                        i -> work(interpreter, program.extension, extensionCalls, pure, data, share));
                if (baseline == null) {
                    baseline = m;
                }
                boolean lockOn = interpreter.isGilEnabled();
                Row row = Row.of(program.label + ", " + threads + (threads == 1 ? " thread" : " threads"), m,
                                baseline.wallNanos())
                        .with("CPU/wall", String.format(Locale.ROOT, "%.2f", m.parallelism()))
                        .with("lock", lockOn ? "on" : "off");
                rows.add(row);
                metrics.put("speedup." + program.key() + "." + threads, row.speedup());
                metrics.put("parallelism." + program.key() + "." + threads, m.parallelism());
                metrics.put("lockOn." + program.key(), lockOn ? 1.0 : 0.0);
                if (telling == null || program == Program.UNDECLARED_EXTENSION && threads > 1) {
                    telling = m.trace();
                }
                settings.progress().stepDone(row.label());
            }
        }
        int most = settings.threadsOr(List.of(1, 2)).stream().mapToInt(Integer::intValue).max().orElseThrow();
        double declared = metrics.get("speedup.declared." + most);
        double undeclared = metrics.get("speedup.undeclared." + most);
        double override = metrics.get("speedup.override." + most);
        String conclusion = String.format(Locale.ROOT,
                "%d threads: %.2fx of 1 with the declared extension (lock %s), %.2fx with the undeclared one "
                        + "(lock %s%s), %.2fx with PYTHON_GIL=0.",
                most, declared, onOff(metrics.get("lockOn.declared")), undeclared, onOff(metrics.get("lockOn.undeclared")),
                undeclared < PARALLEL_SPEEDUP && declared >= PARALLEL_SPEEDUP
                        ? ": importing it serialised every thread" : "", override);
        return new LessonResult(INFO, rows, conclusion, metrics, telling);
    }

    private static String onOff(double flag) {
        return flag > 0 ? "on" : "off";
    }
}
