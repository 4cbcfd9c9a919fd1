package dev.gillab.experiment;

import dev.gillab.lock.Interpreter;
import dev.gillab.stdlib.IoBody;
import java.io.IOException;

/**
 * A fixed number of numbered tasks spread over fewer attached threads, the way
 * {@code ThreadPool(k).map(fetch, range(n))} spreads them: thread {@code i} of {@code k} runs
 * tasks {@code i}, {@code i + k}, {@code i + 2k}, ... one after another. The run is a
 * {@link ThreadedRun}: the same start gate, clock, CPU time and lock statistics.
 */
public final class TasksOverThreads {

    /** One task, by its number; it may block, and throw what blocking calls throw. */
    @FunctionalInterface
    public interface Task {
        void run(int n) throws IOException, InterruptedException;
    }

    private TasksOverThreads() {
    }

    /**
     * Runs tasks {@code 0} to {@code tasks - 1} over {@code threads} threads named {@code prefix-0}, ...
     *
     * @throws IllegalArgumentException if {@code threads < 1} or {@code tasks < 0}
     */
    public static Measurement run(Interpreter interpreter, int threads, int tasks, String prefix, Task task) {
        if (threads < 1 || tasks < 0) {
            throw new IllegalArgumentException("needs at least 1 thread and no negative task count, was " + threads
                    + " threads, " + tasks + " tasks");
        }
        return ThreadedRun.run(interpreter, threads, prefix, IoBody.unchecked(i -> {
            for (int n = i; n < tasks; n += threads) {
                task.run(n);
            }
        }));
    }
}
