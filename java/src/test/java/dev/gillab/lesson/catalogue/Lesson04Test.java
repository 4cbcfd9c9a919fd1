package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 04: releasing the lock around a tiny call costs more than the call, alone and against a
 * busy thread.
 *
 * <p>Its declared expectations say why released calls fall behind under contention by counting
 * hand-overs rather than comparing calls/s (two timed runs that a busy machine slows by
 * different amounts). Held, the caller lets the lock go only when the countdown thread's drop
 * request forces it at a poll, so every switch follows a forced drop, but for the first take
 * and the hand-over at the caller's detach: at most 2 unforced switches. Released, every call
 * is an opening: the countdown thread, woken by a release, takes the lock without forcing
 * anyone, and the caller hands it over at a release when asked: unforced switches by the dozen.
 * They fail if the releasing pattern kept the lock, or the holding one let it go.
 */
class Lesson04Test {

    private final Lesson04_InefficientReleaseTooShort lesson = new Lesson04_InefficientReleaseTooShort();

    @BeforeAll
    static void nativeLibrary() {
        LessonTests.assumeNativeLibrary();
    }

    @Test
    void meetsItsDeclaredExpectations() {
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        LessonTests.assertDeclaredExpectations(lesson, settings, r);
        assertThat(r.rows()).as("3 calls alone, held and released; 2 beside a countdown, held and released")
                .hasSize(10);
        assertThat(r.get(Lesson04_InefficientReleaseTooShort.CALLS_PER_SECOND.at("add").at("released")))
                .as("released add made calls beside the countdown").isPositive();
        assertThat(r.conclusion()).as("conclusion").startsWith("alone, releasing around add costs");
    }
}
