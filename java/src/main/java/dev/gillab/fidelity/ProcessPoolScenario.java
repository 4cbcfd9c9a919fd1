package dev.gillab.fidelity;

import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import dev.gillab.stdlib.PoolTask;
import dev.gillab.stdlib.ProcessPool;
import java.util.List;

/**
 * Scenario 5: the way around the lock for CPU-bound work, a pool of processes, each with a lock
 * of its own. The countdown of n in one thread against two countdowns of n/2 in a pool of two
 * workers started beforehand.
 *
 * <p>CPython ({@code pool.py}): {@code multiprocessing.Pool(2).map(countdown, [n//2, n//2])}.
 * gillab: a {@link ProcessPool} of two worker JVMs, each running the interpreted countdown under
 * an interpreter of its own; the sequential run is the interpreted countdown in this JVM. Each
 * worker makes {@value #WARM_UP_CALLS} short countdown calls before it says it is ready, so
 * that the JIT compiles the countdown as a whole method, as the main JVM's calibration (many
 * calls) did for the sequential baseline; without them each task, one long call, would run in
 * the on-stack-replacement code compiled in the middle of the loop, which is slower, and the
 * pool would be measured against a faster baseline. Both sides then get one untimed round of
 * the same tasks: a fresh worker JVM's first long countdown is still being compiled (1.4 s
 * where the next took 0.9 s on the reference machine), and, as in {@link Calibration}, the
 * first long run is never measured.
 */
public final class ProcessPoolScenario implements Scenario {

    private static final ScenarioInfo INFO = new ScenarioInfo(5, "a process pool of 2 against sequential",
            "speedup t_sequential / t_pool");

    private static final int WORKERS = 2;
    /** Short calls of each kernel a worker makes before its first task. */
    static final int WARM_UP_CALLS = 2_000;

    @Override
    public ScenarioInfo info() {
        return INFO;
    }

    @Override
    public List<Metric> metrics() {
        return List.of(Metric.ratio("speedup of a pool of 2 processes", "sequential", "pool", Tolerance.RATIO));
    }

    @Override
    public Figures cpython(CPython python, Effort effort) {
        return python.run("pool.py", "pool", effort, List.of());
    }

    @Override
    public Figures gillab(Effort effort) {
        InterpreterConfig config = InterpreterConfig.of(LockMode.SWITCH);
        long n = Countdowns.calibrate(config, effort.targetSeconds());
        Figures.Builder figures = Figures.builder();
        List<PoolTask.Countdown> halves = List.of(new PoolTask.Countdown(n / 2), new PoolTask.Countdown(n / 2));
        try (ProcessPool pool = ProcessPool.start(WORKERS, config.mode(), WARM_UP_CALLS)) {
            pool.map(halves);
            for (int r = 0; r < effort.repeats(); r++) {
                figures.add("sequential", Countdowns.seconds(config, 1, n));
                long start = System.nanoTime();
                pool.map(halves);
                figures.add("pool", (System.nanoTime() - start) / 1e9);
            }
        }
        return figures.build();
    }
}
