package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.experiment.Row;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import org.junit.jupiter.api.Test;

/**
 * Lesson 19 at a small scale. Certain on every run: which program turns the lock on, that the
 * undeclared one's threads then hand the lock over and never use more than about one core between
 * them, and that the others hand nothing over. That the declared program's two threads run at once
 * needs two free cores: the lesson declares it as such.
 */
class Lesson19Test {

    private final Lesson19_BrokenUndeclaredExtensionBringsTheLockBack lesson =
            new Lesson19_BrokenUndeclaredExtensionBringsTheLockBack();

    @Test
    void meetsItsDeclaredExpectations() {
        LessonTests.assumeNativeLibrary();
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        assertThat(r.rows()).extracting(Row::label).containsExactly(
                "declared, 1 thread", "declared, 2 threads", "undeclared, 1 thread", "undeclared, 2 threads",
                "undeclared, PYTHON_GIL=0, 1 thread", "undeclared, PYTHON_GIL=0, 2 threads");
        assertThat(r.rows()).extracting(row -> row.extra().get("lock"))
                .as("the lock after each run\n" + r).containsExactly("off", "off", "on", "on", "off", "off");
        assertThat(r.conclusion()).contains("with the undeclared one (lock on)");
        LessonTests.assertDeclaredExpectations(lesson, settings, r);
    }
}
