package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadPerTaskRun;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lesson 14 at the tests' scale: 50 tasks sleeping 50 ms each, on platform and on virtual
 * threads, then two native sleeps per carrier. One after another the sleeps would take 50
 * delays; the bound of 10 leaves 450 ms for creating the threads and passing the lock 100
 * times on a busy machine.
 */
class Lesson14Test {

    private final Lesson14_VirtualThreadsForIo lesson = new Lesson14_VirtualThreadsForIo();

    @Test
    void meetsItsDeclaredExpectations() {
        LessonTests.assumeNativeLibrary();
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        LessonTests.assertDeclaredExpectations(lesson, settings, r);
        assertThat(r.rows()).extracting(Row::threads).containsExactly(50, 50,
                Lesson14_VirtualThreadsForIo.PINNED_PER_CARRIER * ThreadPerTaskRun.carriers());
        assertThat(r.conclusion()).contains("each pinned its carrier");
    }

    /** {@code --threads N} runs N tasks on each kind of thread. */
    @Test
    void aThreadCountChoosesTheTasks() {
        LessonTests.assumeNativeLibrary();
        LessonResult r = lesson.run(LessonTests.small().withThreads(List.of(20)));

        assertThat(r.rows().get(0).threads()).isEqualTo(20);
        assertThat(r.rows().get(1).threads()).isEqualTo(20);
        assertThat(r.get(Lesson14_VirtualThreadsForIo.ATTACHED.at("virtual"))).isEqualTo(1);
    }
}
