package dev.gillab.fidelity;

import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Scenarios 1 and 2: the famous countdown, {@code while n > 0: n -= 1}, the same total split
 * over k threads, timed against one thread, at one or several switch intervals.
 *
 * <p>CPython ({@code countdown.py}): real threads running the loop under the GIL, with
 * {@code sys.setswitchinterval}. gillab: the interpreted countdown under the {@code switch}
 * lock with the same interval ({@link Countdowns}). Each side sizes n so that one thread takes
 * about the effort's target, so the compared figure is the ratio {@code t_k / t_1}: about 1
 * when the threads simply take turns, above 1 when taking turns itself costs time (hand-offs at
 * a tiny interval).
 */
public final class CountdownScenario implements Scenario {

    private final ScenarioInfo info;
    private final List<Integer> threads;
    private final List<Long> intervalsMicros;

    private CountdownScenario(int number, String title, List<Integer> threads, List<Long> intervalsMicros) {
        this.info = new ScenarioInfo(number, title, "t_k / t_1 (same total work)");
        this.threads = List.copyOf(threads);
        this.intervalsMicros = List.copyOf(intervalsMicros);
    }

    /** Scenario 1: 1, 2 and 4 threads at the default 5 ms. */
    public static CountdownScenario threads() {
        return new CountdownScenario(1, "countdown split over 1, 2, 4 threads", List.of(1, 2, 4),
                List.of(InterpreterConfig.DEFAULT_SWITCH_INTERVAL_MICROS));
    }

    /** Scenario 2: 1 and 2 threads at 0.1, 5 and 50 ms. */
    public static CountdownScenario switchIntervals() {
        return new CountdownScenario(2, "countdown at switch intervals 0.1, 5, 50 ms", List.of(1, 2),
                List.of(100L, 5_000L, 50_000L));
    }

    @Override
    public ScenarioInfo info() {
        return info;
    }

    @Override
    public List<Metric> metrics() {
        List<Metric> metrics = new ArrayList<>();
        for (long interval : intervalsMicros) {
            for (int k : threads) {
                if (k != 1) {
                    metrics.add(Metric.ratio("t" + k + "/t1 at " + SwitchIntervals.label(interval),
                            Countdowns.key(k, interval), Countdowns.key(1, interval), Tolerance.RATIO));
                }
            }
        }
        return metrics;
    }

    @Override
    public Figures cpython(CPython python, Effort effort) {
        return python.run("countdown.py", "countdown", effort, List.of(
                "--threads", threads.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--intervals", SwitchIntervals.secondsArgument(intervalsMicros)));
    }

    @Override
    public Figures gillab(Effort effort) {
        return Countdowns.measure(InterpreterConfig.of(LockMode.SWITCH), threads, intervalsMicros, effort);
    }
}
