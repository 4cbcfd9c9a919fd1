package dev.gillab.fidelity;

import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.kernel.Kernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import java.util.List;

/**
 * gillab's {@code countdown.py}: {@code while n > 0: n -= 1} as interpreted code (the pure-Java
 * countdown polling the lock at every iteration, {@link KernelsUnderLock#interpreted}), the
 * same total split over k threads of a fresh interpreter.
 */
final class Countdowns {

    private Countdowns() {
    }

    /** Seconds for {@code total} iterations split evenly over {@code threads} threads. */
    static double seconds(InterpreterConfig config, int threads, long total) {
        return seconds(Interpreter.create(config), threads, total);
    }

    /** Seconds for {@code total} iterations split evenly over {@code threads} new threads of {@code interpreter}. */
    static double seconds(Interpreter interpreter, int threads, long total) {
        Kernels kernels = KernelsUnderLock.interpreted(interpreter);
        long share = total / threads;
        return ThreadedRun.run(interpreter, threads, "countdown", i -> kernels.countdown(share)).wallNanos() / 1e9;
    }

    /** The total for which one thread under {@code config} takes about {@code targetSeconds}. */
    static long calibrate(InterpreterConfig config, double targetSeconds) {
        return Calibration.size(n -> seconds(config, 1, n), 1_000_000, targetSeconds);
    }

    /**
     * The measurements of {@code countdown.py}: n sized so that one thread under {@code config}
     * takes the effort's target, then for each repeat, each switch interval and each thread
     * count, the seconds of n split over the threads, named by {@link #key}. The calibration
     * runs one thread, which never hands the lock over, so the JIT would compile the hand-over
     * path only in the first measured contended run; an unmeasured run on two threads
     * compiles it first.
     */
    static Figures measure(InterpreterConfig config, List<Integer> threads, List<Long> intervalsMicros, Effort effort) {
        long n = calibrate(config, effort.targetSeconds());
        seconds(config, 2, n);
        Figures.Builder figures = Figures.builder();
        for (int r = 0; r < effort.repeats(); r++) {
            for (long interval : intervalsMicros) {
                for (int k : threads) {
                    figures.add(key(k, interval), seconds(config.withSwitchIntervalMicros(interval), k, n));
                }
            }
        }
        return figures.build();
    }

    /** The figure name shared with {@code countdown.py}: {@code t<threads>@<interval>us}. */
    static String key(int threads, long intervalMicros) {
        return "t" + threads + "@" + intervalMicros + "us";
    }
}
