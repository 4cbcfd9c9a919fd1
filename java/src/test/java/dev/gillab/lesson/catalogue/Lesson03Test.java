package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.binding.Binding;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Metric;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lesson 03: released native calls run at the same time, on every binding. */
class Lesson03Test {

    private final Lesson03_ReleaseAroundTheNativeCall lesson = new Lesson03_ReleaseAroundTheNativeCall();

    @BeforeAll
    static void nativeLibraryAndTwoCores() {
        LessonTests.assumeNativeLibrary();
        LessonTests.assumeCores(2);
    }

    /**
     * Two calls in flight at once on every binding (declared: the fewest over the bindings is 2),
     * counted: impossible through a binding that kept the lock (lesson 02: at most one), and
     * some time with both in flight on each. Whether both ran at once, CPU time over wall time,
     * is a two-free-cores expectation, checked by {@link LessonTests#assertDeclaredExpectations}.
     */
    @Test
    void meetsItsDeclaredExpectations() {
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        for (Binding b : Binding.values()) {
            if (b.isNative()) {
                Metric overlap = Lesson03_ReleaseAroundTheNativeCall.OVERLAP.threads(2);
                Metric ofB = b == Lesson03_ReleaseAroundTheNativeCall.DEFAULT_BINDING ? overlap : overlap.at(b.id());
                assertThat(r.get(ofB)).as("share of the wall time with both %s calls in flight", b).isPositive();
            }
        }
        assertThat(r.conclusion()).as("conclusion").contains("calls overlapped");
        LessonTests.assertDeclaredExpectations(lesson, settings, r); // last: it skips without two free cores
    }
}
