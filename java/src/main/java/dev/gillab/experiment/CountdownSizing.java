package dev.gillab.experiment;

import dev.gillab.kernel.Kernels;
import dev.gillab.lock.Interpreter;
import java.time.Duration;
import java.util.function.Function;

/**
 * How many countdown iterations make one call last a given time on given kernels: one warm-up
 * call and one timed call of {@link #CALIBRATION} iterations, on a thread attached to the
 * interpreter, scaled linearly (a countdown's time is proportional to its length).
 */
public final class CountdownSizing {

    /** Iterations of the timed call: tens of milliseconds on any of the kernels. */
    public static final long CALIBRATION = 20_000_000;

    private CountdownSizing() {
    }

    /** Countdown iterations that take about {@code call} on the kernels that {@code kernels} makes; at least 1. */
    public static long iterationsFor(Duration call, Interpreter interpreter, Function<Interpreter, Kernels> kernels) {
        long[] nanos = new long[1];
        ThreadedRun.run(interpreter, 1, "calibration", i -> {
            Kernels k = kernels.apply(interpreter);
            k.countdown(CALIBRATION);
            nanos[0] = LoopLag.timed(() -> k.countdown(CALIBRATION));
        });
        return Math.max(1, (long) ((double) CALIBRATION * call.toNanos() / Math.max(1, nanos[0])));
    }
}
