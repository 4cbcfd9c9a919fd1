package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import dev.gillab.stdlib.SharedCounter;
import dev.gillab.stdlib.ThreadingLock;
import org.junit.jupiter.api.Test;

/**
 * Lesson 15 at a small scale. What is certain is checked on every run: under an interpreter lock,
 * and with threading.Lock in free mode, {@code counter += 1} loses nothing. What is a race (free
 * mode without a lock loses updates) needs the two threads running at the same moment: it is a
 * two-free-cores expectation of the lesson.
 */
class Lesson15Test {

    private final Lesson15_FreeThreadedNeedsRealLocks lesson = new Lesson15_FreeThreadedNeedsRealLocks();

    @Test
    void meetsItsDeclaredExpectations() {
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        assertThat(r.rows()).extracting(Row::label).containsExactly(
                "switch, countdown, 1 thread", "switch, countdown, 2 threads",
                "free, countdown, 1 thread", "free, countdown, 2 threads",
                "switch, counter += 1, 2 threads", "free, counter += 1, 2 threads",
                "free, with lock: counter += 1, 2 threads");
        assertThat(r.get(Lesson15_FreeThreadedNeedsRealLocks.INCREMENTS))
                .as("the shared counter's run is long enough for two threads to overlap").isGreaterThanOrEqualTo(
                        (double) Lesson15_FreeThreadedNeedsRealLocks.MIN_INCREMENTS);
        assertThat(r.get(Lesson15_FreeThreadedNeedsRealLocks.LOST.at("free")))
                .as("lost updates are counted, never negative\n" + r).isNotNegative();
        LessonTests.assertDeclaredExpectations(lesson, settings, r);
    }

    /** The lock is taken and released around every increment, by each of two threads: the counter ends exact. */
    @Test
    void withThreadingLockTwoFreeThreadsLoseNothing() {
        Interpreter interpreter = Interpreter.create(LockMode.FREE);
        SharedCounter counter = new SharedCounter();
        ThreadingLock lock = new ThreadingLock();
        ThreadedRun.run(interpreter, 2, "adder",
                i -> Lesson15_FreeThreadedNeedsRealLocks.incrementUnderLock(interpreter, counter, lock, 200_000));

        assertThat(counter.lost(400_000)).isZero();
    }
}
