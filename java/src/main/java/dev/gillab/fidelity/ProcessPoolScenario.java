package dev.gillab.fidelity;

import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import java.util.List;

/**
 * Scenario 5: the way around the lock for CPU-bound work, a pool of processes, each with a lock
 * of its own. The countdown of n in one thread against two countdowns of n/2 in a pool of two
 * workers started beforehand.
 *
 * <p>CPython ({@code pool.py}): {@code multiprocessing.Pool(2).map(countdown, [n//2, n//2])}.
 * gillab: two worker JVMs ({@link ProcessPool}, {@link PoolWorker}), each running the
 * interpreted countdown under an interpreter of its own; the sequential run is the interpreted
 * countdown in this JVM. Both pools get one untimed round of the same tasks first: a fresh
 * worker JVM's first long countdown is still being compiled (1.4 s where the next took 0.9 s
 * on the reference machine), and, as in {@link Calibration}, the first long run is never measured.
 */
public final class ProcessPoolScenario implements Scenario {

    private static final ScenarioInfo INFO = new ScenarioInfo(5, "a process pool of 2 against sequential",
            "speedup t_sequential / t_pool");

    private static final int WORKERS = 2;

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
        try (ProcessPool pool = new ProcessPool(WORKERS)) {
            pool.countdowns(n / 2, n / 2);
            for (int r = 0; r < effort.repeats(); r++) {
                figures.add("sequential", Countdowns.seconds(config, 1, n));
                long start = System.nanoTime();
                pool.countdowns(n / 2, n / 2);
                figures.add("pool", (System.nanoTime() - start) / 1e9);
            }
        }
        return figures.build();
    }
}
