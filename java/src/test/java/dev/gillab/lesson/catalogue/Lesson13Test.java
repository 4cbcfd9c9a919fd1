package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 13 at a small scale: the processes compute what the threads compute, each worker's
 * lock never switches, no worker outlives the lesson, and (with two free cores) the workers'
 * own CPU time adds up to more than the wall time.
 */
class Lesson13Test {

    private static final int ATTEMPTS = 5;

    private static LessonResult result;

    @BeforeAll
    static void runTheLesson() {
        result = new Lesson13_ProcessPoolOwnLocks().run(LessonSettings.defaults().withScale(0.25).withThreads(List.of(2)));
    }


    @Test
    void theProcessesComputeTheSameResultsAsTheThreads() {
        assertThat(result.metric("results.same")).as("every result of the processes equals the threads' one\n" + result)
                .isEqualTo(1.0);
    }

    @Test
    void eachWorkerHasALockOfItsOwnThatNeverSwitches() {
        assertThat(result.metric("switches.processes.countdown.2")).as("switches in the workers' locks\n" + result).isZero();
        assertThat(result.metric("switches.processes.matmul.2")).isZero();
    }

    @Test
    void noWorkerProcessOutlivesTheLesson() {
        assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(ProcessPoolWorker.class.getName())).toList())
                .as("worker processes left after the lesson").isEmpty();
    }

    /**
     * CPU time reported by the workers over wall time measured here, with two free cores
     * ({@link TwoFreeCores}): the pool is started first, so that each attempt is a short map.
     */
    @Test
    void twoWorkersComputeInParallel() {
        List<PoolTask.Countdown> tasks = Collections.nCopies(4, new PoolTask.Countdown(50_000_000));
        try (ProcessPool pool = ProcessPool.start(2, LockMode.SWITCH)) {
            TwoFreeCores.assertWithinAttempts("the workers' CPU time over wall time", ATTEMPTS, () -> {
                long start = System.nanoTime();
                List<PoolResult<Long>> results = pool.map(tasks);
                long wall = System.nanoTime() - start;
                return results.stream().mapToLong(PoolResult::cpuNanos).sum() / (double) wall;
            }, parallelism -> parallelism > 1.3);
        }
    }
}
