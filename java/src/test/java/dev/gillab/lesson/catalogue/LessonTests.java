package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gillab.lesson.Expectation;
import dev.gillab.lesson.Judgement;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.testing.TwoFreeCores;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the lesson tests share: the small scale they run at, the machines they need, and the
 * check of a lesson's declared expectations.
 */
final class LessonTests {

    /** The scale of the lesson tests: a twentieth of a quick run, a few seconds per lesson. */
    static final double SCALE = 0.05;

    /** Runs of a lesson made, each after a probe found two free cores, before a two-free-cores expectation fails. */
    static final int ATTEMPTS = 3;

    private LessonTests() {
    }

    /** The lesson's own choices at the tests' scale. */
    static LessonSettings small() {
        return LessonSettings.defaults().withScale(SCALE);
    }

    /** Skips the test when the build skipped the native side ({@code -Dnative.skip}): these lessons call C. */
    static void assumeNativeLibrary() {
        assumeFalse(Boolean.getBoolean("gillab.native.skip"), "the build skipped the native library");
    }

    /** Skips the test on a machine with fewer than {@code cores} cores. */
    static void assumeCores(int cores) {
        int available = Runtime.getRuntime().availableProcessors();
        assumeTrue(available >= cores, "needs " + cores + " cores to run native calls in parallel, has " + available);
    }

    /**
     * Checks what the lesson declares of {@code result}, a run with {@code settings}: every
     * {@link Expectation.Needs#ANY_MACHINE} expectation on this run; then, if the lesson has
     * {@link Expectation.Needs#TWO_FREE_CORES} expectations, runs it again (at most
     * {@value #ATTEMPTS} times, each right after a probe found two free cores) until they all
     * hold. {@link Expectation.Needs#IDLE_MACHINE} bands are judged by {@code gillab lesson},
     * not here. Every expectation must have been measured by the run.
     */
    static void assertDeclaredExpectations(Lesson lesson, LessonSettings settings, LessonResult result) {
        for (Judgement j : result.judgements()) {
            assertThat(j.measured()).as("lesson %s at the tests' settings measures %s", lesson.info().id(),
                    j.expectation().metric().name()).isTrue();
            if (j.expectation().needs() == Expectation.Needs.ANY_MACHINE) {
                assertThat(j.held()).as("lesson %s: %s\n%s", lesson.info().id(), j.describe(), result).isTrue();
            }
        }
        if (lesson.info().expectations().stream().anyMatch(e -> e.needs() == Expectation.Needs.TWO_FREE_CORES)) {
            AtomicReference<List<String>> missed = new AtomicReference<>(List.of());
            try {
                TwoFreeCores.assertWithinAttempts("two-free-cores expectations missed", ATTEMPTS, () -> {
                    List<String> misses = lesson.run(settings).judgements().stream()
                            .filter(j -> j.expectation().needs() == Expectation.Needs.TWO_FREE_CORES && !j.held())
                            .map(Judgement::describe)
                            .toList();
                    missed.set(misses);
                    return misses.size();
                }, count -> count == 0);
            } catch (AssertionError e) {
                throw new AssertionError("lesson " + lesson.info().id() + ": " + e.getMessage() + "\nlast attempt: "
                        + missed.get(), e);
            }
        }
    }
}
