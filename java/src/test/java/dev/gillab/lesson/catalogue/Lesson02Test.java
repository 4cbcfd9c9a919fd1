package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.lesson.LessonResult;
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
    void nativeCallsNeverOverlapEvenWithFourThreads() {
        LessonResult r = lesson.run(LessonTests.small().withThreads(List.of(1, 2, 4)));

        for (int threads : List.of(1, 2, 4)) {
            assertThat(r.metric("overlap.max." + threads)).as("most native calls in flight with %d threads", threads)
                    .isEqualTo(1.0);
            assertThat(r.metric("overlap.share." + threads)).as("time with two calls in flight, %d threads", threads)
                    .isZero();
        }
        assertThat(r.metric("parallelism.4")).as("CPU time over wall time with 4 threads: one runs at a time")
                .isLessThan(1.3);
        assertThat(r.rows().get(2).switches()).as("the 4 threads handed the lock over between calls")
                .isGreaterThanOrEqualTo(3);
        assertThat(r.conclusion()).as("conclusion").contains("never overlapped");
    }

    @Test
    void withoutTheLockTheSameCallsDoOverlap() {
        LessonTests.assumeCores(2);

        LessonResult r = lesson.run(LessonTests.small().withThreads(List.of(2)).withMode(LockMode.FREE));

        assertThat(r.metric("overlap.max.2")).as("most native calls in flight, free-threaded").isEqualTo(2.0);
        assertThat(r.conclusion()).as("conclusion").contains("nothing serialised them");
    }
}
