package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 16 at a small scale. The loss is certain, not likely (see the lesson): every forced
 * drop happens between a load and its store, and the thread the lock goes to stores before the
 * dropped one does. So "lost > 0" follows from "at least one forced drop", which a run of 4
 * threads lasting thousands of switch intervals always has; the test checks both. With the
 * real lock held across the load and store, no interleaving can lose anything: exactly 0.
 */
class Lesson16Test {

    private static LessonResult result;

    @BeforeAll
    static void runTheLesson() {
        result = new Lesson16_BrokenLostUpdates().run(LessonSettings.defaults().withScale(0.2).withThreads(List.of(1, 4)));
    }

    @Test
    void fourThreadsWithoutTheRealLockLoseUpdates() {
        assertThat(result.metric("forcedDrops.unlocked.4")).as("forced drops, each one between a load and its store\n"
                + result).isPositive();
        assertThat(result.metric("lost.unlocked.4")).as("updates lost by 4 threads without threading.Lock\n" + result)
                .isPositive();
    }

    @Test
    void withTheRealLockNothingIsLost() {
        assertThat(result.metric("lost.locked.4")).as("updates lost by 4 threads with threading.Lock\n" + result).isZero();
        assertThat(result.metric("lost.locked.1")).isZero();
    }

    @Test
    void oneThreadAloneNeverLosesAnything() {
        assertThat(result.metric("lost.unlocked.1")).as("updates lost by a single thread without a lock").isZero();
        assertThat(result.metric("increments.unlocked.4")).as("every configuration does the same work")
                .isEqualTo(result.metric("increments.locked.4"));
    }
}
