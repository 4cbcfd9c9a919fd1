package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import org.junit.jupiter.api.Test;

/**
 * Lesson 21: a lock per interpreter, arguments copied across or shared; the same tasks on threads
 * and processes.
 */
class Lesson21Test {

    private final Lesson21_InterpreterPoolOwnLocks lesson = new Lesson21_InterpreterPoolOwnLocks();

    @Test
    void meetsItsDeclaredExpectations() {
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        LessonTests.assertDeclaredExpectations(lesson, settings, r);
        assertThat(r.rows()).extracting(row -> row.label()).containsExactly("countdown, 2 threads",
                "countdown, 2 interpreters", "countdown, 2 processes", "matmul, 2 threads", "matmul, 2 interpreters",
                "matmul, 2 processes", "matmul, 2 interpreters, shared buffers");
        assertThat(r.rows().get(0).switches()).as("two threads of one interpreter hand its lock over\n" + r)
                .isPositive();
        assertThat(r.rows().get(4).extra().get("KiB/task")).as("an interpreter's task copies its three matrices")
                .isEqualTo("600.0");
        assertThat(r.rows().get(6).extra().get("KiB/task")).as("in shared buffers nothing crosses").isEqualTo("0.0");
    }
}
