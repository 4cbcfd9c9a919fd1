package dev.gillab.fidelity;

import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import dev.gillab.stdlib.InterpreterPool;
import dev.gillab.stdlib.PoolTask;
import dev.gillab.stdlib.ProcessPool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scenario 17: the countdown on 2 interpreters of one process against 2 threads of one
 * interpreter (lesson 21).
 *
 * <p>CPython ({@code interpreters.py}): the countdown split over two threads, then over two
 * threads each running in a subinterpreter created {@code 'isolated'}, with a lock of its own
 * (PEP 684; the {@code _interpreters} module of 3.13). That needs CPython 3.13 or newer: the
 * {@code --python} interpreter if it has them, else the default build (with the lock) that
 * {@code ./gillab build-cpython} makes beside the free-threaded one; without either, the
 * CPython side says so and only gillab's runs. gillab: the interpreted countdown on two threads
 * of one interpreter, then on an {@link InterpreterPool} of two, both under the {@code switch}
 * lock. The figure: the threads' time over the interpreters', about 2 on two free cores.
 */
public final class InterpretersScenario implements Scenario {

    private static final ScenarioInfo INFO = new ScenarioInfo(17, "2 interpreters against 2 threads",
            "t(2 threads) / t(2 interpreters)");

    private static final String CHECK = "import importlib.util; print(importlib.util.find_spec('_interpreters') "
            + "is not None)";

    @Override
    public ScenarioInfo info() {
        return INFO;
    }

    @Override
    public List<Metric> metrics() {
        return List.of(Metric.ratio("speedup of 2 interpreters over 2 threads", "threads2", "interpreters2",
                Tolerance.RATIO));
    }

    @Override
    public Figures cpython(CPython python, Effort effort) {
        return withSubinterpreters(python, System.getenv()).run("interpreters.py", "interpreters", effort, List.of());
    }

    /**
     * {@code python} if it has subinterpreters with their own lock, else the default build cached
     * where {@code environment} says builds go; fails saying how to get one when neither has them.
     */
    static CPython withSubinterpreters(CPython python, Map<String, String> environment) {
        if (python.available() && "True".equals(python.evaluate(CHECK))) {
            return python;
        }
        Optional<Path> built = FreeThreadedBuild.cached(FreeThreadedBuild.cacheFolder(environment),
                FreeThreadedBuild.DEFAULT);
        CPython fallback = built.map(p -> CPython.locate(p.toString())).orElse(null);
        if (fallback != null && fallback.available() && "True".equals(fallback.evaluate(CHECK))) {
            return fallback;
        }
        throw new CPythonException(python.executable() + " has no subinterpreters with their own lock (CPython "
                + "3.13 or newer); " + FreeThreadedBuild.BUILD_COMMAND + " builds 3.13's default build, or pass "
                + "--python PATH");
    }

    @Override
    public Figures gillab(Effort effort) {
        InterpreterConfig config = InterpreterConfig.of(LockMode.SWITCH);
        long n = Countdowns.calibrate(config, effort.targetSeconds());
        List<PoolTask.Countdown> halves = List.of(new PoolTask.Countdown(n / 2), new PoolTask.Countdown(n / 2));
        Figures.Builder figures = Figures.builder();
        try (InterpreterPool pool = InterpreterPool.start(2, LockMode.SWITCH, ProcessPool.WARM_UP_CALLS)) {
            Countdowns.seconds(config, 2, n / 10); // compiles the hand-over path, untimed
            for (int r = 0; r < effort.repeats(); r++) {
                figures.add("threads2", Countdowns.seconds(config, 2, n));
                long start = System.nanoTime();
                pool.map(halves, Duration.ofMinutes(3));
                figures.add("interpreters2", (System.nanoTime() - start) / 1e9);
            }
        }
        return figures.build();
    }
}
