package dev.gillab.fidelity;

import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenarios 11 and 12: the countdown, {@code while n > 0: n -= 1}, on the free-threaded build.
 *
 * <p>Scenario 11 splits the same total over 1, 2 and 4 threads ({@code countdown.py}, as
 * scenario 1 does) with the GIL off and on ({@code PYTHON_GIL=0} and {@code =1} on the same
 * build), against gillab's {@code free} and {@code switch} modes ({@link Countdowns}). Without a
 * lock the threads run at once: {@code t_k / t_1} falls towards {@code 1 / min(k, cores)}; with
 * it they take turns and it stays near 1.
 *
 * <p>Scenario 12 is the price of the lock's absence for one thread alone: the countdown's time
 * per iteration with the GIL off against on, on the same build ({@code iteration_cost.py}: each
 * run is its own process and sizes its own n, hence a time per iteration), beside one thread
 * in gillab's {@code free} mode against one in {@code switch} at the same n. It is the cost of
 * switching the lock off in a free-threaded build, not of the build itself: the build's other
 * costs (biased reference counting, per-object locks, and in 3.13 the specializing interpreter
 * switched off) are paid with the GIL on too.
 */
public final class FreeCountdownScenario implements FreeThreadedScenario {

    private static final List<Integer> THREADS = List.of(1, 2, 4);
    private static final long INTERVAL = InterpreterConfig.DEFAULT_SWITCH_INTERVAL_MICROS;
    private static final String PER_ITERATION = "ns per iteration";

    private final ScenarioInfo info;
    private final boolean splitOverThreads;

    private FreeCountdownScenario(ScenarioInfo info, boolean splitOverThreads) {
        this.info = info;
        this.splitOverThreads = splitOverThreads;
    }

    /** Scenario 11: 1, 2 and 4 threads, without and with the lock. */
    public static FreeCountdownScenario threads() {
        return new FreeCountdownScenario(new ScenarioInfo(11, "free-threaded: countdown split over 1, 2, 4 threads",
                "t_k / t_1 (same total work)"), true);
    }

    /** Scenario 12: one thread, without the lock against with it. */
    public static FreeCountdownScenario iterationCost() {
        return new FreeCountdownScenario(new ScenarioInfo(12,
                "free-threaded: one thread without the lock against with it", "t_1 without / t_1 with"), false);
    }

    @Override
    public ScenarioInfo info() {
        return info;
    }

    @Override
    public List<Metric> metrics() {
        if (!splitOverThreads) {
            return List.of(Metric.ratio("1 thread, time without lock / with (PYTHON_GIL=0/1; free/switch)",
                    FreeThreadedScenarios.NO_LOCK + PER_ITERATION, FreeThreadedScenarios.LOCK + PER_ITERATION,
                    Tolerance.RATIO));
        }
        List<Metric> metrics = new ArrayList<>();
        for (String lock : FreeThreadedScenarios.LOCKS) {
            for (int k : THREADS.subList(1, THREADS.size())) {
                metrics.add(Metric.ratio("t" + k + "/t1, " + FreeThreadedScenarios.sides(lock),
                        lock + Countdowns.key(k, INTERVAL), lock + Countdowns.key(1, INTERVAL), Tolerance.RATIO));
            }
        }
        return metrics;
    }

    @Override
    public Figures cpython(CPython python, Effort effort) {
        if (!splitOverThreads) {
            return FreeThreadedScenarios.withAndWithoutLock(python, "iteration_cost.py", "iteration_cost", effort,
                    List.of());
        }
        return FreeThreadedScenarios.withAndWithoutLock(python, "countdown.py", "countdown", effort, List.of(
                "--threads", "1,2,4", "--intervals", SwitchIntervals.secondsArgument(List.of(INTERVAL))));
    }

    @Override
    public Figures gillab(Effort effort) {
        InterpreterConfig free = InterpreterConfig.of(LockMode.FREE);
        InterpreterConfig locked = InterpreterConfig.of(LockMode.SWITCH);
        if (splitOverThreads) {
            List<Long> interval = List.of(INTERVAL);
            Figures withoutLock = Countdowns.measure(free, THREADS, interval, effort);
            Figures withLock = Countdowns.measure(locked, THREADS, interval, effort);
            return Figures.builder().addAll(withoutLock.prefixed(FreeThreadedScenarios.NO_LOCK))
                    .addAll(withLock.prefixed(FreeThreadedScenarios.LOCK)).build();
        }
        long n = Countdowns.calibrate(locked, effort.targetSeconds());
        Countdowns.seconds(free, 1, n);
        Figures.Builder figures = Figures.builder();
        for (int r = 0; r < effort.repeats(); r++) {
            figures.add(FreeThreadedScenarios.NO_LOCK + PER_ITERATION, Countdowns.seconds(free, 1, n) / n * 1e9);
            figures.add(FreeThreadedScenarios.LOCK + PER_ITERATION, Countdowns.seconds(locked, 1, n) / n * 1e9);
        }
        return figures.build();
    }
}
