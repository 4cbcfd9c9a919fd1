package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.binding.Binding;
import dev.gillab.lesson.LessonResult;
import dev.gillab.testing.TwoFreeCores;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lesson 03: released native calls run at the same time, on every binding. */
class Lesson03Test {

    /** Attempts at the parallelism check; each is one short run of the lesson. */
    private static final int ATTEMPTS = 5;

    private final Lesson03_ReleaseAroundTheNativeCall lesson = new Lesson03_ReleaseAroundTheNativeCall();

    @BeforeAll
    static void nativeLibraryAndTwoCores() {
        LessonTests.assumeNativeLibrary();
        LessonTests.assumeCores(2);
    }

    /**
     * Two calls in flight at once, counted: impossible through a binding that kept the lock
     * (lesson 02: at most one). Not the share of the wall time with both in flight: it depends
     * on both threads getting a core (observed: 0.22 through javacpp-critical under a load of 8
     * on 2 cores plus 2 spinning processes); running at once is what the next test checks, with
     * two free cores.
     */
    @Test
    void releasedCallsOverlapOnEveryBinding() {
        LessonResult r = lesson.run(LessonTests.small().withThreads(List.of(1, 2)));

        for (Binding b : Binding.values()) {
            if (b.isNative()) {
                String suffix = b == Lesson03_ReleaseAroundTheNativeCall.DEFAULT_BINDING ? "" : "." + b.id();
                assertThat(r.metric("overlap.max.2" + suffix)).as("most calls in flight through %s, 2 threads", b)
                        .isEqualTo(2.0);
                assertThat(r.metric("overlap.share.2" + suffix))
                        .as("share of the wall time with both %s calls in flight", b).isPositive();
            }
        }
    }

    /**
     * CPU time over wall time of the two threads' released calls: above 1.3 only if both ran
     * at once, which needs two free cores around the attempt ({@link TwoFreeCores}).
     */
    @Test
    void twoThreadsUseMoreThanOneCore() {
        TwoFreeCores.assertWithinAttempts("CPU time over wall time of 2 threads' released calls", ATTEMPTS, () -> {
            LessonResult r = lesson.run(LessonTests.small().withBinding(Binding.FFM).withThreads(List.of(1, 2)));
            assertThat(r.metric("overlap.max.2")).as("most calls in flight, 2 threads").isEqualTo(2.0);
            return r.metric("parallelism.2");
        }, parallelism -> parallelism > 1.3);
    }
}
