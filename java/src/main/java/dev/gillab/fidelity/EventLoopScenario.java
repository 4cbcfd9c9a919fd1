package dev.gillab.fidelity;

import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.LoopLag;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import java.time.Duration;
import java.util.List;

/**
 * Scenario 16: the event loop's lag beside a call that blocks or computes (lesson 20).
 *
 * <p>CPython ({@code event_loop.py}): on {@code asyncio.run}, a heartbeat task sleeps 1 ms at a
 * time while another task makes one call: {@code time.sleep} inside the task,
 * {@code await asyncio.to_thread(time.sleep, s)}, and {@code await asyncio.to_thread(countdown, n)}
 * with a pure-Python countdown of the same length. gillab: the same on its {@code EventLoop}
 * ({@link LoopLag}), with {@link Interpreter#sleep} and the interpreted countdown, under the
 * {@code switch} lock at 5 ms. The figures: the lag in lengths of the call for the blocking call
 * (about 1 in the task, next to nothing on a thread), and in switch intervals for the
 * computation on a thread (the loop waits for the lock an interval at a time).
 */
public final class EventLoopScenario implements Scenario {

    private static final ScenarioInfo INFO = new ScenarioInfo(16, "the event loop beside a blocking or computing call",
            "the loop's lag");

    /** The call's length; shorter when the effort's target is (a quick test). */
    private static final double CALL_SECONDS = 0.3;

    /** A lag under a tenth of the call on both sides counts as none. */
    private static final Tolerance NEGLIGIBLE = new Tolerance.Share(0.10, 0.15);

    @Override
    public ScenarioInfo info() {
        return INFO;
    }

    @Override
    public List<Metric> metrics() {
        return List.of(
                Metric.ratio("lag in calls, time.sleep in a task", "lag_blocking_task", "call", Tolerance.RATIO),
                Metric.ratio("lag in calls, to_thread(time.sleep)", "lag_blocking_thread", "call", NEGLIGIBLE),
                Metric.ratio("lag in switch intervals, to_thread(countdown)", "lag_computing_thread", "interval",
                        Tolerance.LATENCY));
    }

    @Override
    public Figures cpython(CPython python, Effort effort) {
        return python.run("event_loop.py", "event_loop", effort,
                List.of("--seconds", Double.toString(callSeconds(effort))));
    }

    @Override
    public Figures gillab(Effort effort) {
        double seconds = callSeconds(effort);
        Duration call = Duration.ofNanos(Math.round(seconds * 1e9));
        InterpreterConfig config = InterpreterConfig.of(LockMode.SWITCH);
        long n = Countdowns.calibrate(config, seconds);
        Figures.Builder figures = Figures.builder();
        for (int r = 0; r < effort.repeats(); r++) {
            figures.add("call", seconds);
            figures.add("lag_blocking_task", LoopLag.measure(Interpreter.create(config),
                    loop -> timed(() -> sleep(loop.interpreter(), call))).lagNanos() / 1e9);
            figures.add("lag_blocking_thread", LoopLag.measure(Interpreter.create(config),
                    loop -> timed(() -> loop.toThread(() -> {
                        sleep(loop.interpreter(), call);
                        return null;
                    }))).lagNanos() / 1e9);
            figures.add("lag_computing_thread", LoopLag.measure(Interpreter.create(config),
                    loop -> timed(() -> loop.toThread(() -> KernelsUnderLock.interpreted(loop.interpreter())
                            .countdown(n)))).lagNanos() / 1e9);
            figures.add("interval", config.switchIntervalMicros() / 1e6);
        }
        return figures.build();
    }

    private static double callSeconds(Effort effort) {
        return Math.min(CALL_SECONDS, effort.targetSeconds());
    }

    private static long timed(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return System.nanoTime() - start;
    }

    private static void sleep(Interpreter interpreter, Duration d) {
        try {
            interpreter.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in sleep", e);
        }
    }
}
