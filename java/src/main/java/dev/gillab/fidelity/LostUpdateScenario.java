package dev.gillab.fidelity;

import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import dev.gillab.stdlib.SharedCounter;
import dev.gillab.stdlib.ThreadingLock;
import java.util.List;

/**
 * Scenario 8: the lock protects the interpreter, not your invariants. Four threads increment
 * one shared counter; the figure is the share of increments lost.
 *
 * <p>Whether an update is lost depends only on where the eval loop may switch threads: at its
 * polls of the eval breaker, loop back edges and calls. {@code counter += 1} on a global
 * compiles to load, add, store with no poll in between (since CPython 3.10 the eval breaker is
 * checked at back edges and calls, not between any two instructions), so it loses nothing in
 * CPython 3.11. Read-call-write, {@code v = counter; f(); counter = v + 1}, polls inside the
 * call: a switch there makes the write overwrite the other threads' increments, and it loses
 * many. A {@code threading.Lock} around either loses none.
 *
 * <p>gillab: the same four loops on a {@link SharedCounter} under the lock, with
 * {@link Interpreter#poll()} where CPython polls (the call, the back edge). The user's lock is a
 * {@link ThreadingLock}, taken as {@code lock.acquire()} takes a {@code threading.Lock}: first a
 * try without blocking, holding the interpreter lock; if that fails, a blocking wait with the
 * interpreter lock released, else the thread holding the user's lock could never get the
 * interpreter lock back to release it.
 */
public final class LostUpdateScenario implements Scenario {

    private static final ScenarioInfo INFO = new ScenarioInfo(8, "lost updates: += and read-call-write, 4 threads",
            "share of increments lost");

    private static final int THREADS = 4;

    /** The four ways to increment, named as {@code lost_updates.py} names them. */
    enum Variant {
        PLUS_EQUAL("+=", false, false),
        PLUS_EQUAL_LOCKED("+= with lock", false, true),
        READ_CALL_WRITE("read-call-write", true, false),
        READ_CALL_WRITE_LOCKED("read-call-write with lock", true, true);

        final String figure;
        /** A poll (the call to f) between the read and the write. */
        final boolean pollBetween;
        final boolean locked;

        Variant(String figure, boolean pollBetween, boolean locked) {
            this.figure = figure;
            this.pollBetween = pollBetween;
            this.locked = locked;
        }
    }

    @Override
    public ScenarioInfo info() {
        return INFO;
    }

    @Override
    public List<Metric> metrics() {
        return List.of(Variant.values()).stream()
                .map(v -> Metric.scaled("lost share, " + v.figure, v.figure, 1.0, Tolerance.Share.LOST_UPDATES))
                .toList();
    }

    @Override
    public Figures cpython(CPython python, Effort effort) {
        return python.run("lost_updates.py", "lost_updates", effort, List.of("--threads", Integer.toString(THREADS)));
    }

    @Override
    public Figures gillab(Effort effort) {
        long[] sizes = new long[Variant.values().length];
        for (Variant v : Variant.values()) {
            sizes[v.ordinal()] = Calibration.size(n -> run(v, n, 1).seconds(), 1000, effort.targetSeconds() / THREADS);
        }
        Figures.Builder figures = Figures.builder();
        for (int r = 0; r < effort.repeats(); r++) {
            for (Variant v : Variant.values()) {
                figures.add(v.figure, run(v, sizes[v.ordinal()], THREADS).lostShare());
            }
        }
        return figures.build();
    }

    private record Outcome(double seconds, double lostShare) {
    }

    /** {@code threads} threads each incrementing {@code n} times. */
    private static Outcome run(Variant variant, long n, int threads) {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        SharedCounter counter = new SharedCounter();
        ThreadingLock lock = new ThreadingLock();
        Measurement m = ThreadedRun.run(interpreter, threads, "incrementer", i -> {
            for (long k = 0; k < n; k++) {
                if (variant.locked) {
                    lock.acquire(interpreter);
                }
                try {
                    long v = counter.load();
                    if (variant.pollBetween) {
                        interpreter.poll();
                    }
                    counter.store(v + 1);
                } finally {
                    if (variant.locked) {
                        lock.release();
                    }
                }
                interpreter.poll();
            }
        });
        return new Outcome(m.wallNanos() / 1e9, counter.lostShare(n * threads));
    }
}
