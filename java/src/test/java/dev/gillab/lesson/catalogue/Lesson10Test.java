package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.Row;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lesson 10: ten fetches of 20 ms at the tests' scale. Its wall-time expectations are lower
 * bounds that hold by construction (a reply cannot come before its delay) and upper bounds of
 * half the serial time, which leave the overlapping runs 80 ms and more for connecting and
 * scheduling on a busy machine.
 */
class Lesson10Test {

    private final Lesson10_BlockingIoReleasesTheLock lesson = new Lesson10_BlockingIoReleasesTheLock();

    /** The native library's sleep, or the Java one when the build skipped the native side. */
    private static LessonSettings small() {
        LessonSettings settings = LessonTests.small();
        return Boolean.getBoolean("gillab.native.skip") ? settings.withBinding(Binding.JAVA) : settings;
    }

    @Test
    void meetsItsDeclaredExpectations() {
        LessonSettings settings = small();
        LessonResult r = lesson.run(settings);

        LessonTests.assertDeclaredExpectations(lesson, settings, r);
        assertThat(r.rows()).extracting(Row::threads).containsExactly(1, 10, 10, 10);
        assertThat(r.conclusion()).as("the conclusion follows the figures")
                .contains("10 threads, socket").contains("the waits overlapped")
                .endsWith("(the waits ran one after another).");
    }

    /** Other thread counts: a row each, the native and the lock-holding rows on the most of them. */
    @Test
    void theRowsFollowTheThreadCountsChosen() {
        LessonResult r = lesson.run(small().withThreads(List.of(2, 5)));

        assertThat(r.rows()).extracting(Row::threads).containsExactly(2, 5, 5, 5);
        assertThat(r.get(Lesson10_BlockingIoReleasesTheLock.BLOCKING_CALLS.threads(5))).isEqualTo(3);
        assertThat(r.get(Lesson10_BlockingIoReleasesTheLock.CONNECTIONS)).as("a connection per fetch").isEqualTo(1);
        assertThat(r.get(Lesson10_BlockingIoReleasesTheLock.WALL_IN_DELAYS.at("held")))
                .as("ten fetches holding the lock, in delays").isGreaterThanOrEqualTo(9.9);
    }
}
