package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.testing.TwoFreeCores;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 17 at a small scale, by counting lock events rather than timing: the old lock's
 * releases against its switches, and (with two free cores: {@link TwoFreeCores}) the waiters'
 * futile wake-ups.
 */
class Lesson17Test {

    private static final LessonSettings SMALL = LessonSettings.defaults().withScale(0.25).withThreads(List.of(1, 2));

    private static LessonResult result;

    @BeforeAll
    static void runTheLesson() {
        result = new Lesson17_OldLockBattleOnTwoCores().run(SMALL);
    }

    @Test
    void theOldLockReleasesEveryHundredTicksWhoeverWaits() {
        double iterations = 0.25 * Lesson17_OldLockBattleOnTwoCores.TOTAL_ITERATIONS;
        assertThat(result.metric("forcedDrops.ticks.1")).as("one forced release per check interval of 100 polls, alone")
                .isEqualTo(iterations / 100);
        assertThat(result.metric("forcedDrops.ticks.2")).as("and with 2 threads").isEqualTo(iterations / 100);
    }

    @Test
    void underTicksMostReleasesAreReWonByTheReleaser() {
        assertThat(result.metric("switches.ticks.2")).as("switches against releases, ticks, 2 threads\n" + result)
                .isLessThan(result.metric("releases.ticks.2") / 2);
    }

    @Test
    void underTicksWaitersWakeUpToFindTheLockTaken() {
        TwoFreeCores.assertWithinAttempts("futile wake-ups, ticks, 2 threads", 3,
                () -> new Lesson17_OldLockBattleOnTwoCores().run(SMALL.withThreads(List.of(2)))
                        .metric("futileWakeups.ticks.2"),
                futile -> futile > 0);
    }

    @Test
    void underSwitchNearlyEveryForcedDropIsASwitch() {
        assertThat(result.metric("switches.switch.2")).as("switches, switch lock, 2 threads\n" + result)
                .isGreaterThanOrEqualTo(result.metric("forcedDrops.switch.2"));
    }
}
