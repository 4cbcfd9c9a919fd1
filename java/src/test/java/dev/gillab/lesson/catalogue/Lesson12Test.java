package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.binding.Binding;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 12 at a small scale. Its claims are checked by counting, not by timing: how many tasks
 * were inside the native call at once (the lock released around it lets both workers in) and
 * CPU time against wall time for the locked tasks (the lock lets one run at a time, so the CPU
 * time of all of them cannot much exceed the wall time, however noisy the machine).
 */
class Lesson12Test {

    private static LessonResult result;

    @BeforeAll
    static void runTheLesson() {
        Binding released = Boolean.getBoolean("gillab.native.skip") ? Binding.JAVA : Binding.FFM;
        result = new Lesson12_ThreadPoolLockedVsReleased().run(
                LessonSettings.defaults().withScale(0.1).withThreads(List.of(1, 2)).withBinding(released));
    }

    @Test
    void releasedNativeTasksOverlapOnTwoWorkers() {
        assertThat(result.metric("overlap.released.2"))
                .as("most tasks inside the native call at once, 2 workers\n" + result).isEqualTo(2.0);
        assertThat(result.metric("overlap.released.1")).as("and with 1 worker, never more than one").isEqualTo(1.0);
    }

    @Test
    void lockedJavaTasksRunOneAtATime() {
        assertThat(result.metric("parallelism.locked.2"))
                .as("CPU time over wall time of locked Java tasks on 2 workers\n" + result).isLessThanOrEqualTo(1.2);
    }

    @Test
    void theTableHasARowPerKindAndPoolSize() {
        assertThat(result.rows()).extracting(r -> r.label()).containsExactly(
                "locked Java, 1 worker", "locked Java, 2 workers",
                "released native (" + (Boolean.getBoolean("gillab.native.skip") ? "java" : "ffm") + "), 1 worker",
                "released native (" + (Boolean.getBoolean("gillab.native.skip") ? "java" : "ffm") + "), 2 workers");
        assertThat(result.metric("speedup.locked.1")).as("each kind against itself on 1 worker").isEqualTo(1.0);
        assertThat(result.conclusion()).startsWith("with 2 workers, locked Java tasks ran at");
    }
}
