package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lock.LockMode;
import dev.gillab.testing.TwoFreeCores;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lesson 01: interpreted threads under the lock take turns; without it they run in parallel. */
class Lesson01Test {

    private final Lesson01_PureJavaUnderTheLock lesson = new Lesson01_PureJavaUnderTheLock();

    @Test
    void meetsItsDeclaredExpectations() {
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        LessonTests.assertDeclaredExpectations(lesson, settings, r);
        assertThat(r.rows()).extracting(row -> row.threads()).containsExactly(1, 2, 4);
        assertThat(r.rows().get(2).switches()).as("4 threads handed the lock over\n" + r).isGreaterThanOrEqualTo(3);
        assertThat(r.conclusion()).contains("one thread run at a time");
    }

    /** The same program with no lock: CPU time over wall time grows with the threads, and the conclusion says so. */
    @Test
    void withoutTheLockTheThreadsRunInParallel() {
        LessonTests.assumeCores(2);
        LessonSettings free = LessonTests.small().withThreads(List.of(1, 2)).withMode(LockMode.FREE);
        TwoFreeCores.assertWithinAttempts("CPU time over wall time, 2 free-threaded threads against 1", 3,
                () -> lesson.run(free).get(Lesson01_PureJavaUnderTheLock.PARALLELISM_GAIN), gain -> gain >= 1.4);
    }
}
