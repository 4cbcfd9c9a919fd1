package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.experiment.Row;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lock.LockMode;
import dev.gillab.stdlib.PoolResult;
import dev.gillab.stdlib.PoolTask;
import dev.gillab.stdlib.ProcessPool;
import dev.gillab.stdlib.ProcessPoolWorker;
import dev.gillab.testing.TwoFreeCores;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lesson 13 at a small scale: the processes compute what the threads compute, each worker's lock
 * never switches, no worker outlives the lesson, and (with two free cores) the workers' own CPU
 * time adds up to more than the wall time. That last one is measured on a pool already started,
 * with long tasks: in the lesson's small run each worker's start-up and round trips are too large
 * a part of the map for its CPU time over wall time to show two cores, even with two free.
 */
class Lesson13Test {

    private final Lesson13_ProcessPoolOwnLocks lesson = new Lesson13_ProcessPoolOwnLocks();

    @Test
    void meetsItsDeclaredExpectations() {
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        assertThat(r.rows()).extracting(Row::label).containsExactly("countdown, 2 threads", "countdown, 2 processes",
                "matmul 160, 2 threads", "matmul 160, 2 processes");
        assertThat(r.get(Lesson13_ProcessPoolOwnLocks.COPYING.at("matmul").threads(2)))
                .as("the matrices' round trips copy more, per unit of work, than the countdown's 8 bytes\n" + r)
                .isGreaterThan(r.get(Lesson13_ProcessPoolOwnLocks.COPYING.at("countdown").threads(2)));
        assertThat(r.rows().get(3).extra().get("KiB/task")).as("two 160 x 160 matrices out, one back")
                .isEqualTo("600.1");
        assertThat(r.conclusion()).contains("processes ran the countdown at");
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(ProcessPoolWorker.class.getName())).toList())
                .as("worker processes left after the lesson").isEmpty();
        LessonTests.assertDeclaredExpectations(lesson, settings, r);
    }

    /** The workers' CPU time over the wall time of a map of 4 long countdowns, each attempt with two free cores. */
    @Test
    void twoWorkersComputeInParallel() {
        List<PoolTask.Countdown> tasks = Collections.nCopies(4, new PoolTask.Countdown(50_000_000));
        try (ProcessPool pool = ProcessPool.start(2, LockMode.SWITCH)) {
            TwoFreeCores.assertWithinAttempts("the workers' CPU time over wall time", 5, () -> {
                long start = System.nanoTime();
                List<PoolResult<Long>> results = pool.map(tasks);
                long wall = System.nanoTime() - start;
                return results.stream().mapToLong(PoolResult::cpuNanos).sum() / (double) wall;
            }, parallelism -> parallelism > 1.3);
        }
    }
}
