package dev.gillab.experiment;

import dev.gillab.binding.Binding;
import dev.gillab.kernel.Kernels;
import dev.gillab.lock.Interpreter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One long native call repeated in an interpreted loop by 1, 2, 4... threads sharing the same
 * total of calls, each thread count a {@link ProbedRun} on a fresh interpreter: the experiment
 * of the lessons on holding and releasing the lock around a native call. The call is given the
 * probed kernels and the interpreter, and meets the lock itself (holds it, or releases it
 * around the native part), so that what runs is the pattern under test. Each run's speedup is
 * taken against the first run's wall time per call.
 *
 * @param steps one per thread count, in the order run
 */
public record ProbedSeries(List<Step> steps) {

    /**
     * One thread count's run and its table row.
     *
     * @param threads how many threads shared the calls
     * @param run     what the run and its probe measured
     * @param row     the run as a table row, its speedup against the series' first run
     */
    public record Step(int threads, ProbedRun run, Row row) {
    }

    public ProbedSeries {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a series needs at least one thread count");
        }
    }

    /**
     * Runs the series.
     *
     * @param interpreters a fresh interpreter per run, e.g. {@code settings::interpreter}
     * @param binding      whose kernels to call; the probe sits between them and {@code call}
     * @param variant      what {@code call} does with the lock, e.g. "released": the threads' name prefix and,
     *                     after the binding's name, the rows' label
     * @param threadCounts the thread counts, the first the baseline
     * @param totalCalls   the calls of each run, shared by its threads (at least one each)
     * @param call         one call: the pattern, given the run's interpreter and the probed kernels
     * @param stepDone     told each row's label as its run ends
     */
    public static ProbedSeries run(Supplier<Interpreter> interpreters, Binding binding, String variant,
                                   List<Integer> threadCounts, long totalCalls,
                                   BiFunction<Interpreter, Kernels, Object> call, Consumer<String> stepDone) {
        List<Step> steps = new ArrayList<>();
        for (int threads : threadCounts) {
            Interpreter interpreter = interpreters.get();
            ProbedRun run = ProbedRun.run(interpreter, binding.kernels(), (i, probed) -> probed, threads,
                    Math.max(1, totalCalls / threads), variant, probed -> () -> call.apply(interpreter, probed));
            double baseline = steps.isEmpty() ? run.wallNanosPerCall() : steps.getFirst().run().wallNanosPerCall();
            Row row = run.row(binding.id() + " " + variant + ", " + Units.threads(threads), baseline);
            steps.add(new Step(threads, run, row));
            stepDone.accept(row.label());
        }
        return new ProbedSeries(steps);
    }

    /** The table rows, one per thread count. */
    public List<Row> rows() {
        return steps.stream().map(Step::row).toList();
    }

    /** The run to draw: the 2-thread one if there is one, else the first. */
    public ProbedRun telling() {
        return steps.stream().filter(s -> s.threads() == 2).findFirst().orElse(steps.getFirst()).run();
    }

    /** The most native calls in flight at the same moment, in any run of the series. */
    public int mostInFlight() {
        return steps.stream().mapToInt(s -> s.run().maxInFlight()).max().orElseThrow();
    }
}
