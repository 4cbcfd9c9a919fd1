package dev.gillab.fidelity;

import dev.gillab.binding.Binding;
import dev.gillab.binding.NativeLibrary;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.kernel.Kernels;
import dev.gillab.lock.HoldingKernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.ReleasingKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Scenario 14: the same {@code libgillab.so}, its C countdown called in a loop, the same number
 * of calls split over 1 and 2 threads, through a binding that keeps the lock and one that
 * releases it.
 *
 * <p>CPython ({@code ctypes_calls.py}): {@code ctypes.PyDLL} keeps the GIL during the call,
 * {@code ctypes.CDLL} releases it, on the free-threaded build with the GIL on and off. gillab:
 * the FFM binding through {@link HoldingKernels} and {@link ReleasingKernels}, in the
 * {@code switch} and {@code free} modes. With the lock, only the released call runs in
 * parallel; without it, the held call does too: there is nothing to hold.
 *
 * <p>Each side sizes one call to about a millisecond of C and then the number of calls to the
 * effort's target, so the loop around the calls is a small share of the work on both sides.
 */
public final class CtypesScenario implements FreeThreadedScenario {

    private static final ScenarioInfo INFO = new ScenarioInfo(14,
            "free-threaded: libgillab through ctypes PyDLL (held) and CDLL (released), 1 and 2 threads",
            "speedup t_1 / t_2");

    private static final double CALL_SECONDS = 0.001;

    /** How a side calls the library, named as {@code ctypes_calls.py} names its loaders. */
    private enum Call {
        HELD("PyDLL", "held", HoldingKernels::new),
        RELEASED("CDLL", "released", ReleasingKernels::new);

        final String loader;
        final String gillab;
        final BiFunction<Interpreter, Kernels, Kernels> wrap;

        Call(String loader, String gillab, BiFunction<Interpreter, Kernels, Kernels> wrap) {
            this.loader = loader;
            this.gillab = gillab;
            this.wrap = wrap;
        }
    }

    @Override
    public ScenarioInfo info() {
        return INFO;
    }

    @Override
    public List<Metric> metrics() {
        List<Metric> metrics = new ArrayList<>();
        for (String lock : FreeThreadedScenarios.LOCKS) {
            for (Call c : Call.values()) {
                metrics.add(Metric.ratio("2-thread speedup, " + c.loader + " / " + c.gillab + ", "
                        + FreeThreadedScenarios.sides(lock), lock + key(1, c), lock + key(2, c), Tolerance.RATIO));
            }
        }
        return metrics;
    }

    @Override
    public Figures cpython(CPython python, Effort effort) {
        return FreeThreadedScenarios.withAndWithoutLock(python, "ctypes_calls.py", "ctypes_calls", effort, List.of(
                "--library", NativeLibrary.file().toString(), "--call-seconds", Double.toString(CALL_SECONDS)));
    }

    @Override
    public Figures gillab(Effort effort) {
        Kernels ffm = Binding.FFM.kernels();
        long perCall = Calibration.size(n -> seconds(ffm, LockMode.SWITCH, Call.RELEASED, n, 1, 1), 10_000,
                CALL_SECONDS);
        long calls = Calibration.even(Calibration.size(c -> seconds(ffm, LockMode.SWITCH, Call.RELEASED, perCall, c, 1),
                4, effort.targetSeconds()));
        Figures.Builder figures = Figures.builder();
        for (int r = 0; r < effort.repeats(); r++) {
            for (LockMode mode : List.of(LockMode.SWITCH, LockMode.FREE)) {
                String lock = mode == LockMode.FREE ? FreeThreadedScenarios.NO_LOCK : FreeThreadedScenarios.LOCK;
                for (Call c : Call.values()) {
                    for (int k = 1; k <= 2; k++) {
                        figures.add(lock + key(k, c), seconds(ffm, mode, c, perCall, calls, k));
                    }
                }
            }
        }
        return figures.build();
    }

    /** {@code calls} C countdowns of {@code perCall} split over {@code threads} threads: seconds. */
    private static double seconds(Kernels ffm, LockMode mode, Call call, long perCall, long calls, int threads) {
        Interpreter interpreter = Interpreter.create(mode);
        Kernels kernels = call.wrap.apply(interpreter, ffm);
        long each = calls / threads;
        return ThreadedRun.run(interpreter, threads, "ctypes", i -> {
            for (long c = 0; c < each; c++) {
                kernels.countdown(perCall);
                interpreter.poll();
            }
        }).wallNanos() / 1e9;
    }

    /** The figure name shared with {@code ctypes_calls.py}: {@code t<threads> <loader>}. */
    private static String key(int threads, Call call) {
        return "t" + threads + " " + call.loader;
    }
}
