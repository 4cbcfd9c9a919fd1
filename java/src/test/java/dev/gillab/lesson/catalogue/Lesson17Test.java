package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.experiment.Row;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import org.junit.jupiter.api.Test;

/**
 * Lesson 17 at a small scale, by counting lock events rather than timing: the old lock releases
 * once per check interval whoever waits, most of its releases are re-won by the releaser, every
 * forced drop of the new lock is a switch, and (with two free cores) the old lock's waiter wakes
 * up for nothing.
 */
class Lesson17Test {

    private final Lesson17_OldLockBattleOnTwoCores lesson = new Lesson17_OldLockBattleOnTwoCores();

    @Test
    void meetsItsDeclaredExpectations() {
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        assertThat(r.rows()).extracting(Row::label).containsExactly("switch, 1 thread", "switch, 2 threads",
                "ticks, 1 thread", "ticks, 2 threads");
        assertThat(r.rows().get(2).forcedDrops()).as("one forced release per 100 polls of the whole countdown")
                .isEqualTo(Lesson17_OldLockBattleOnTwoCores.MIN_ITERATIONS / 100);
        assertThat(r.get(Lesson17_OldLockBattleOnTwoCores.FUTILE_WAKEUPS.at("switch").threads(1)))
                .as("a thread alone has nobody to wake").isZero();
        LessonTests.assertDeclaredExpectations(lesson, settings, r);
    }
}
