package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.experiment.ThreadedRun;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import dev.gillab.stdlib.SharedCounter;
import dev.gillab.testing.TwoFreeCores;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 15 at a small scale. What is certain is checked on every run: under an interpreter
 * lock, and with threading.Lock in free mode, {@code counter += 1} loses nothing. What is a race
 * (free mode without a lock loses updates) needs the two threads running at the same moment: it
 * is tried with two free cores ({@link TwoFreeCores}), five million increments per thread, up
 * to five times, until an attempt loses an update.
 */
class Lesson15Test {

    private static final int ATTEMPTS = 5;
    private static final long INCREMENTS_PER_THREAD = 5_000_000;

    private static LessonResult result;

    @BeforeAll
    static void runTheLesson() {
        result = new Lesson15_FreeThreadedNeedsRealLocks().run(
                LessonSettings.defaults().withScale(0.05).withThreads(List.of(1, 2)));
    }

    @Test
    void underTheInterpreterLockCounterPlusEqualsLosesNothing() {
        assertThat(result.metric("lost.interpreter")).as("updates lost under the switch lock\n" + result).isZero();
    }

    @Test
    void inFreeModeWithThreadingLockNothingIsLost() {
        assertThat(result.metric("lost.freeLocked")).as("updates lost in free mode with threading.Lock\n" + result).isZero();
    }

    @Test
    void inFreeModeWithoutALockTwoThreadsLoseUpdates() {
        TwoFreeCores.assertWithinAttempts("updates lost by 2 free threads", ATTEMPTS, () -> {
            Interpreter interpreter = Interpreter.create(LockMode.FREE);
            SharedCounter counter = new SharedCounter();
            ThreadedRun.run(interpreter, 2, "adder",
                    i -> Lesson15_FreeThreadedNeedsRealLocks.increment(interpreter, counter, INCREMENTS_PER_THREAD));
            long lost = counter.lost(2 * INCREMENTS_PER_THREAD);
            assertThat(lost).as("lost updates are counted, never negative").isNotNegative();
            return lost;
        }, lost -> lost > 0);
    }

    @Test
    void theTableComparesBothModesAndTheThreeWaysOfSharing() {
        assertThat(result.rows()).extracting(r -> r.label()).containsExactly(
                "switch, countdown, 1 thread", "switch, countdown, 2 threads",
                "free, countdown, 1 thread", "free, countdown, 2 threads",
                "switch, counter += 1, 2 threads", "free, counter += 1, 2 threads",
                "free, with lock: counter += 1, 2 threads");
        assertThat(result.rows().get(2).switches() + result.rows().get(3).switches())
                .as("free mode never switches: there is nothing to hand over").isZero();
    }
}
