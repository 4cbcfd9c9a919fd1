package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.Row;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import org.junit.jupiter.api.Test;

/**
 * Lesson 12 at a small scale. Its claims are checked by counting, not by timing: how many tasks
 * were inside the native call at once (the lock released around it lets every worker in) and
 * CPU time against wall time for the locked tasks (the lock lets one run at a time, so their CPU
 * time cannot much exceed the wall time, however busy the machine).
 */
class Lesson12Test {

    private final Lesson12_ThreadPoolLockedVsReleased lesson = new Lesson12_ThreadPoolLockedVsReleased();

    @Test
    void meetsItsDeclaredExpectations() {
        LessonTests.assumeNativeLibrary();
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        assertThat(r.rows()).extracting(Row::label).containsExactly(
                "locked Java, 1 worker", "locked Java, 2 workers", "locked Java, 4 workers",
                "released native (ffm), 1 worker", "released native (ffm), 2 workers",
                "released native (ffm), 4 workers");
        assertThat(r.get(Lesson12_ThreadPoolLockedVsReleased.LOCKED_SPEEDUP.threads(1)))
                .as("each kind against itself on 1 worker").isEqualTo(1.0);
        assertThat(r.conclusion()).contains("only work that releases the lock runs in parallel");
        LessonTests.assertDeclaredExpectations(lesson, settings, r);
    }

    /** Pure-Java kernels released around the call, for a build without the native library: the count is the same. */
    @Test
    void theReleasedTasksOverlapWhateverTheBinding() {
        LessonResult r = lesson.run(LessonTests.small().withBinding(Binding.JAVA));

        assertThat(r.get(Lesson12_ThreadPoolLockedVsReleased.IN_FLIGHT.threads(2)))
                .as("most tasks inside the released call at once, 2 workers\n" + r).isEqualTo(2.0);
        assertThat(r.rows().get(3).label()).isEqualTo("released native (java), 1 worker");
    }
}
