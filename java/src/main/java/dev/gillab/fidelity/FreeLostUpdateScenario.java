package dev.gillab.fidelity;

import dev.gillab.experiment.ThreadedRun;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import dev.gillab.stdlib.SharedCounter;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 13: {@code counter += 1} in four threads, on a module global and on an object's
 * attribute ({@code increments.py}), on the free-threaded build with the GIL off and on.
 *
 * <p>The statement is a load, an add and a store. With the GIL no thread switch falls between
 * them (the eval breaker is polled at back edges and calls), so nothing is lost, as in
 * scenario 8. Without it, threads on two cores interleave the three steps: each thread's
 * store overwrites the increments made since its load, and a large share is lost. The build's
 * per-object locks make each load and each store safe, not the three together.
 *
 * <p>gillab: four threads of one interpreter increment a {@link SharedCounter} (its load and its
 * store each atomic and seen by every thread, as {@code LOAD_GLOBAL} and {@code STORE_GLOBAL},
 * or {@code LOAD_ATTR} and {@code STORE_ATTR}, are under the build's per-object locks; nothing
 * makes the load, the add and the store one step), polling the lock at each loop's back edge, in the {@code free} mode
 * (no lock: they run at once) and the {@code switch} mode. gillab has one kind of shared variable, so its two rows are
 * the same experiment, each held against its CPython row.
 */
public final class FreeLostUpdateScenario implements FreeThreadedScenario {

    private static final ScenarioInfo INFO = new ScenarioInfo(13,
            "free-threaded: lost updates of counter += 1, 4 threads", "share of increments lost");

    private static final int THREADS = 4;
    /** The figures of {@code increments.py}: where the counter lives. */
    private static final List<String> VARIANTS = List.of("global +=", "attribute +=");

    @Override
    public ScenarioInfo info() {
        return INFO;
    }

    @Override
    public List<Metric> metrics() {
        List<Metric> metrics = new ArrayList<>();
        for (String lock : FreeThreadedScenarios.LOCKS) {
            for (String v : VARIANTS) {
                metrics.add(Metric.scaled("lost share, " + v + ", " + FreeThreadedScenarios.sides(lock), lock + v, 1.0,
                        Tolerance.Share.LOST_UPDATES));
            }
        }
        return metrics;
    }

    @Override
    public Figures cpython(CPython python, Effort effort) {
        return FreeThreadedScenarios.withAndWithoutLock(python, "increments.py", "increments", effort,
                List.of("--threads", Integer.toString(THREADS)));
    }

    @Override
    public Figures gillab(Effort effort) {
        long n = Calibration.size(k -> run(LockMode.SWITCH, k, 1).seconds(), 1000, effort.targetSeconds() / THREADS);
        Figures.Builder figures = Figures.builder();
        for (int r = 0; r < effort.repeats(); r++) {
            for (String v : VARIANTS) {
                figures.add(FreeThreadedScenarios.NO_LOCK + v, run(LockMode.FREE, n, THREADS).lostShare());
                figures.add(FreeThreadedScenarios.LOCK + v, run(LockMode.SWITCH, n, THREADS).lostShare());
            }
        }
        return figures.build();
    }

    private record Outcome(double seconds, double lostShare) {
    }

    /** {@code threads} threads of a fresh interpreter each incrementing one counter {@code n} times. */
    private static Outcome run(LockMode mode, long n, int threads) {
        Interpreter interpreter = Interpreter.create(mode);
        SharedCounter counter = new SharedCounter();
        long wall = ThreadedRun.run(interpreter, threads, "increment", i -> {
            for (long k = 0; k < n; k++) {
                counter.store(counter.load() + 1);
                interpreter.poll();
            }
        }).wallNanos();
        return new Outcome(wall / 1e9, counter.lostShare(n * threads));
    }
}
