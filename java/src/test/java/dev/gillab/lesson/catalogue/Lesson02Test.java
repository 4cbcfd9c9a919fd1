package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lock.LockMode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lesson 02: native calls that hold the lock never run at the same time, however many threads make them. */
class Lesson02Test {

    private final Lesson02_BrokenNativeHoldsTheLock lesson = new Lesson02_BrokenNativeHoldsTheLock();

    @BeforeAll
    static void nativeLibrary() {
        LessonTests.assumeNativeLibrary();
    }

    @Test
    void meetsItsDeclaredExpectations() {
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        LessonTests.assertDeclaredExpectations(lesson, settings, r);
        assertThat(r.rows()).extracting(row -> row.threads()).containsExactly(1, 2, 4);
        assertThat(r.get(Lesson02_BrokenNativeHoldsTheLock.OVERLAP.threads(2)))
                .as("time with two calls in flight, 2 threads").isZero();
        assertThat(r.rows().get(2).switches()).as("the 4 threads handed the lock over between calls\n" + r)
                .isGreaterThanOrEqualTo(3);
        assertThat(r.conclusion()).as("conclusion").contains("never overlapped");
    }

    /** Counted, not timed: with no lock the operating system interleaves the calls on any number of cores. */
    @Test
    void withoutTheLockTheSameCallsDoOverlap() {
        LessonTests.assumeCores(2);

        LessonResult r = lesson.run(LessonTests.small().withThreads(List.of(2)).withMode(LockMode.FREE));

        assertThat(r.get(Lesson02_BrokenNativeHoldsTheLock.MOST_IN_FLIGHT.threads(2)))
                .as("most native calls in flight, free-threaded").isEqualTo(2.0);
        assertThat(r.conclusion()).as("conclusion").contains("nothing serialised them");
    }
}
