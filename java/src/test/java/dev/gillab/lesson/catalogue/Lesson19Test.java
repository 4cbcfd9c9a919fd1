package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.Row;
import dev.gillab.lesson.LessonResult;
import dev.gillab.testing.TwoFreeCores;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 19 at a small scale. Certain on every run: which program turns the lock on, and that
 * the undeclared one's threads then never use more than one core between them. A race that
 * needs two cores (the declared program's two threads running at once) goes through
 * {@link TwoFreeCores}.
 */
class Lesson19Test {

    private static final int ATTEMPTS = 5;

    private static LessonResult result;

    @BeforeAll
    static void runTheLesson() {
        LessonTests.assumeNativeLibrary();
        result = new Lesson19_BrokenUndeclaredExtensionBringsTheLockBack().run(
                LessonTests.small().withBinding(Binding.FFM).withThreads(List.of(1, 2)));
    }

    @Test
    void onlyTheUndeclaredExtensionWithoutTheOverrideTurnsTheLockOn() {
        assertThat(result.metric("lockOn.undeclared")).as("undeclared\n" + result).isEqualTo(1.0);
        assertThat(result.metric("lockOn.declared")).as("declared\n" + result).isZero();
        assertThat(result.metric("lockOn.override")).as("undeclared with PYTHON_GIL=0\n" + result).isZero();
        assertThat(result.rows()).extracting(r -> r.extra().get("lock"))
                .containsExactly("off", "off", "on", "on", "off", "off");
    }

    @Test
    void afterTheUndeclaredImportTheThreadsTakeTurns() {
        Row undeclared2 = result.rows().get(3);
        assertThat(undeclared2.label()).isEqualTo("undeclared, 2 threads");
        assertThat(undeclared2.switches()).as("the lock changed hands between the two threads\n" + result)
                .isGreaterThan(0);
        assertThat(Double.parseDouble(undeclared2.extra().get("CPU/wall")))
                .as("serialised threads use at most about one core between them\n" + result).isLessThan(1.3);
        assertThat(result.rows().get(1).switches() + result.rows().get(5).switches())
                .as("without the lock nothing is handed over").isZero();
    }

    /**
     * CPU time over wall time of the declared program's two threads: above 1.3 only if both ran
     * at once, which needs two free cores around the attempt ({@link TwoFreeCores}). CPU/wall
     * rather than the wall-time speedup, which short runs and the threads' start make noisy.
     */
    @Test
    void theDeclaredExtensionLetsTwoThreadsRunAtOnce() {
        TwoFreeCores.assertWithinAttempts("CPU time over wall time of 2 threads with the declared extension",
                ATTEMPTS, () -> {
                    LessonResult r = new Lesson19_BrokenUndeclaredExtensionBringsTheLockBack().run(
                            LessonTests.small().withScale(0.2).withBinding(Binding.FFM).withThreads(List.of(1, 2)));
                    return r.metric("parallelism.declared.2");
                }, parallelism -> parallelism > 1.3);
    }

    @Test
    void theTableNamesTheThreePrograms() {
        assertThat(result.rows()).extracting(Row::label).containsExactly(
                "declared, 1 thread", "declared, 2 threads", "undeclared, 1 thread", "undeclared, 2 threads",
                "undeclared, PYTHON_GIL=0, 1 thread", "undeclared, PYTHON_GIL=0, 2 threads");
    }
}
