package dev.gillab.fidelity;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.kernel.Kernels;
import dev.gillab.lock.HoldingKernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.ReleasingKernels;
import java.util.List;

/**
 * Scenario 9: what one uncontended release and re-take of the lock costs, seen from outside, as
 * the difference between the same call made holding the lock and made releasing it, with
 * nobody else wanting the lock.
 *
 * <p>CPython ({@code release_cost.py}): {@code hashlib.sha256(b).digest()} of 2047 bytes
 * (hashed holding the GIL, under {@code HASHLIB_GIL_MINSIZE}) against 2048 bytes (hashed with
 * it released); one byte more to hash is nothing. gillab: a native no-op through FFM, called
 * through {@link HoldingKernels} and through {@link ReleasingKernels}. The no-op keeps the
 * difference clear of the hash's own noise: gillab's portable C SHA-256 takes some 10 us for
 * 2 KiB, against CPython's 1.6 us (OpenSSL with the CPU's SHA instructions), and a difference
 * of a tenth of a microsecond would drown in it.
 *
 * <p>A COMPARISON OF SHAPE, NOT A BENCHMARK. Both sides time the two loops alternately, in
 * batches of about 10 ms, take the median of each repeat's batches and then the median over
 * the repeats (a median of medians), and subtract. That is good enough to say whether the cost
 * is tens of nanoseconds or microseconds, and how it compares with CPython's; the lock's own
 * figures, with their error bars, belong to the JMH benchmarks in {@code bench/}.
 */
public final class ReleaseCostScenario implements Scenario {

    private static final ScenarioInfo INFO = new ScenarioInfo(9,
            "uncontended release + re-take (CPython: sha256 of 2048 - 2047 bytes)", "microseconds");

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
        return List.of(Metric.difference("release + re-take, us (shape, not a benchmark)", "released", "held",
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
        Kernels ffm = Binding.FFM.kernels();
        Kernels held = new HoldingKernels(interpreter, ffm);
        Kernels released = new ReleasingKernels(interpreter, ffm);
        Figures.Builder figures = Figures.builder();
        ThreadedRun.run(interpreter, 1, "release-cost", i -> {
            long number = Math.max(1000, Math.round(BATCH_SECONDS * 1e6 / perCallMicros(released, 100_000)));
            for (int r = 0; r < repeats; r++) {
                double[] heldMicros = new double[BATCHES];
                double[] releasedMicros = new double[BATCHES];
                for (int b = 0; b < BATCHES; b++) {
                    heldMicros[b] = perCallMicros(held, number);
                    releasedMicros[b] = perCallMicros(released, number);
                }
                figures.add("held", Series.of(heldMicros).median());
                figures.add("released", Series.of(releasedMicros).median());
            }
        });
        return figures.build();
    }

    private static Effort more(Effort effort) {
        return effort.withRepeats(effort.repeats() * EXTRA_REPEATS);
    }

    private static double perCallMicros(Kernels kernels, long number) {
        long start = System.nanoTime();
        for (long c = 0; c < number; c++) {
            kernels.noop();
        }
        return (System.nanoTime() - start) / 1e3 / number;
    }
}
