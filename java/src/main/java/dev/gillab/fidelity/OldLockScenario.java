package dev.gillab.fidelity;

import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import java.util.List;

/**
 * Scenario 10: what CPython 3.11 can no longer show. With the old lock (CPython 2.x and 3.1:
 * release and re-take every 100 ticks, no hand-off), two CPU-bound threads on a dual-core
 * machine ran 1.8 times slower than the same work in one thread: David Beazley, "Inside the
 * Python GIL" (2009), {@code count(100_000_000)} twice, 24.6 s sequential, 45.5 s in two
 * threads. No CPython on this machine has that lock any more, so CPython's figures here are
 * those published ones, quoted, beside gillab's {@code ticks} mode measured now.
 */
public final class OldLockScenario implements Scenario {

    private static final ScenarioInfo INFO = new ScenarioInfo(10,
            "the old lock: CPython 2 (Beazley 2009, quoted) vs ticks mode",
            "t_2 / t_1 (same total work)");

    /** Beazley 2009, dual core: sequential and two-thread seconds, quoted. */
    static final double BEAZLEY_SEQUENTIAL_SECONDS = 24.6;
    static final double BEAZLEY_TWO_THREADS_SECONDS = 45.5;

    /** The old lock: the check interval of 100 polls; the switch interval is not used. */
    private static final InterpreterConfig TICKS = InterpreterConfig.of(LockMode.TICKS);
    private static final String T1 = Countdowns.key(1, TICKS.switchIntervalMicros());
    private static final String T2 = Countdowns.key(2, TICKS.switchIntervalMicros());

    @Override
    public ScenarioInfo info() {
        return INFO;
    }

    @Override
    public List<Metric> metrics() {
        return List.of(Metric.ratio("t2/t1, old lock (CPython: quoted, 2009)", T2, T1, Tolerance.RATIO));
    }

    /** The published figures; no interpreter is run. */
    @Override
    public Figures cpython(CPython python, Effort effort) {
        return Figures.builder().add(T1, BEAZLEY_SEQUENTIAL_SECONDS).add(T2, BEAZLEY_TWO_THREADS_SECONDS).build();
    }

    @Override
    public Figures gillab(Effort effort) {
        return Countdowns.measure(TICKS, List.of(1, 2), List.of(TICKS.switchIntervalMicros()), effort);
    }
}
