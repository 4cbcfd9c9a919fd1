package dev.gillab.stdlib;

import dev.gillab.experiment.Measurement;
import dev.gillab.lock.Interpreter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * One {@link InterpreterThreadPool#map} measured as {@link dev.gillab.experiment.ThreadedRun} measures
 * threads: wall time of the map, CPU time of the tasks, and the lock's statistics over it (reset
 * first, so the workers' attaching is not counted).
 *
 * @param results     the map's results, in the order of the items
 * @param measurement the pool's workers as the threads of the run
 * @param <R>         the results' type
 */
public record TimedMap<R>(List<R> results, Measurement measurement) {

    public TimedMap {
        results = Collections.unmodifiableList(new ArrayList<>(results));
    }

    /** Runs {@code pool.map(function, items)} and measures it. */
    public static <T, R> TimedMap<R> run(InterpreterThreadPool pool, Function<? super T, ? extends R> function,
                                         List<? extends T> items) {
        Interpreter interpreter = pool.interpreter();
        interpreter.resetStats();
        long cpuStart = pool.taskCpuNanos();
        long start = System.nanoTime();
        List<R> results = pool.map(function, items);
        long wall = System.nanoTime() - start;
        return new TimedMap<>(results, new Measurement(pool.workers(), wall, pool.taskCpuNanos() - cpuStart,
                interpreter.stats(), interpreter.trace()));
    }
}
