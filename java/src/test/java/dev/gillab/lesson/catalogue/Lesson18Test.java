package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 18 at a quarter of its size: 4 programs of 100, 75, 50 and 25 ms per file, two files
 * each: the slowest converter needs 200 ms, the sum is 500 ms. The serialisation claims are
 * exact (programs at once, lower bounds that hold by construction); the one upper bound has a
 * wide margin.
 */
class Lesson18Test {

    private static LessonResult result;

    @BeforeAll
    static void runTheLesson() {
        result = new Lesson18_QueuesAndPrimitivesRelease().run(LessonSettings.quick());
    }

    /**
     * At least the slowest converter's 200 ms by construction; the bound, three quarters of the
     * 500 ms sum, leaves 175 ms for thread start-up and lock hand-offs (observed: about 50 ms).
     */
    @Test
    void convertersTakeAboutTheSlowestConvertersTimeNotTheSum() {
        double slowest = result.metric("slowest.seconds");
        double sum = result.metric("sum.seconds");
        assertThat(result.metric("converters.seconds")).as("converters (s): at least the slowest (%.3f s)", slowest)
                .isGreaterThanOrEqualTo(0.99 * slowest)
                .as("converters (s): below three quarters of the sum (%.3f s)", sum)
                .isLessThan(0.75 * sum);
        assertThat(result.metric("converters.programsAtOnce")).as("programs that ran at the same time").isGreaterThan(1);
    }

    @Test
    void theSequentialRunTakesTheSum() {
        assertThat(result.metric("sequential.programsAtOnce")).as("programs at once, one thread").isEqualTo(1);
        assertThat(result.metric("sequential.seconds")).as("sequential (s) against the sum")
                .isGreaterThanOrEqualTo(0.99 * result.metric("sum.seconds"));
    }

    /**
     * A converter that waits for its program with the lock held keeps the others from starting
     * theirs: never two programs at once, so the run lasts at least the sum.
     */
    @Test
    void waitingForAProgramWithTheLockHeldSerialisesEveryProgram() {
        assertThat(result.metric("broken.programsAtOnce")).as("programs at once when converters hold the lock").isEqualTo(1);
        assertThat(result.metric("broken.seconds")).as("broken (s) against the sum")
                .isGreaterThanOrEqualTo(0.99 * result.metric("sum.seconds"));
        assertThat(result.conclusion()).as("the conclusion follows the figures").contains("one program at a time");
    }

    /** Queue takes release the lock in both runs; the program waits only in the right one: one per file. */
    @Test
    void theBrokenRunLacksExactlyTheProgramWaitsAsBlockingCalls() {
        double files = Lesson18_QueuesAndPrimitivesRelease.PROGRAMS * Lesson18_QueuesAndPrimitivesRelease.FILES_PER_PROGRAM;
        assertThat(result.metric("converters.blockingCalls") - result.metric("broken.blockingCalls"))
                .as("blocking calls of the right run minus the broken run's").isEqualTo(files);
    }
}
