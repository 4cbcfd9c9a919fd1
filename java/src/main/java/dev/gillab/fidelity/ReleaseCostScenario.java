package dev.gillab.fidelity;

import dev.gillab.binding.Binding;
import dev.gillab.lesson.ThreadedRun;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import java.util.List;

/**
 * Scenario 9: what one uncontended release and re-take of the lock costs, seen from outside:
 * SHA-256 of 2047 bytes (hashed holding the lock) against 2048 bytes (hashed with it released,
 * {@link HashlibSha256}). One byte more to hash is nothing; the difference is the release and
 * the re-take, with nobody else wanting the lock.
 *
 * <p>A COMPARISON OF SHAPE, NOT A BENCHMARK. Both sides time two tight loops, alternately, in
 * batches of about 10 ms, take the median of each repeat's batches and then the median over the
 * repeats (a median of medians), and subtract. That is good enough to say whether the cost is
 * tens of nanoseconds or microseconds, and how it compares with CPython's; the lock's own
 * figures, with their error bars, come from the JMH benchmarks in {@code bench/}.
 *
 * <p>CPython ({@code release_cost.py}): {@code timeit} of {@code hashlib.sha256(b).digest()}
 * for {@code len(b)} 2047 and 2048. gillab: the C sha256 through FFM by one attached thread.
 */
public final class ReleaseCostScenario implements Scenario {

    private static final ScenarioInfo INFO = new ScenarioInfo(9, "uncontended release + re-take (sha256 of 2048 - 2047 bytes)",
            "microseconds");

    private static final int BATCHES = 5;
    private static final double BATCH_SECONDS = 0.01;
    /** This scenario is cheap: it repeats this many times more than the others. */
    private static final int EXTRA_REPEATS = 3;

    @Override
    public ScenarioInfo info() {
        return INFO;
    }

    @Override
    public List<Metric> metrics() {
        return List.of(Metric.difference("release + re-take, us (shape, not a benchmark)", "2048", "2047",
                new Tolerance.Factor(2.0, 0.0)));
    }

    @Override
    public Figures cpython(CPython python, Effort effort) {
        return python.run("release_cost.py", "release_cost", more(effort),
                List.of("--batch-seconds", Double.toString(BATCH_SECONDS)));
    }

    @Override
    public Figures gillab(Effort effort) {
        int repeats = more(effort).repeats();
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        HashlibSha256 sha256 = new HashlibSha256(interpreter, Binding.FFM.kernels());
        byte[] below = new byte[HashlibSha256.GIL_MINSIZE - 1];
        byte[] at = new byte[HashlibSha256.GIL_MINSIZE];
        Figures.Builder figures = Figures.builder();
        ThreadedRun.run(interpreter, 1, "release-cost", i -> {
            long number = Math.max(100, Math.round(BATCH_SECONDS * 1e6 / perCallMicros(sha256, at, 2000)));
            for (int r = 0; r < repeats; r++) {
                double[] belowMicros = new double[BATCHES];
                double[] atMicros = new double[BATCHES];
                for (int b = 0; b < BATCHES; b++) {
                    belowMicros[b] = perCallMicros(sha256, below, number);
                    atMicros[b] = perCallMicros(sha256, at, number);
                }
                figures.add("2047", Series.of(belowMicros).median());
                figures.add("2048", Series.of(atMicros).median());
            }
        });
        return figures.build();
    }

    private static Effort more(Effort effort) {
        return effort.withRepeats(effort.repeats() * EXTRA_REPEATS);
    }

    private static double perCallMicros(HashlibSha256 sha256, byte[] data, long number) {
        long start = System.nanoTime();
        for (long c = 0; c < number; c++) {
            sha256.digest(data);
        }
        return (System.nanoTime() - start) / 1e3 / number;
    }
}
