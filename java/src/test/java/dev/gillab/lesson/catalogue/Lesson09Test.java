package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.binding.Binding;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lesson 09: every binding computes alike; pinning is not slower for large arrays; a long critical call holds off GC. */
class Lesson09Test {

    private static final int LARGEST = Lesson09_PassingArraysWhileReleased.SIDES[Lesson09_PassingArraysWhileReleased.SIDES.length - 1];

    private final Lesson09_PassingArraysWhileReleased lesson = new Lesson09_PassingArraysWhileReleased();

    @BeforeAll
    static void nativeLibrary() {
        LessonTests.assumeNativeLibrary();
    }

    @Test
    void everyBindingComputesTheSameProductAndPinningIsNotSlowerForLargeArrays() {
        LessonResult r = lesson.run(LessonTests.small());

        assertThat(r.metric("results.agree")).as("every binding's products against pure Java's").isEqualTo(1.0);
        assertThat(r.metric("ns.ffm-critical." + LARGEST)).as("ffm-critical at the largest size, against ffm")
                .isLessThan(2 * r.metric("ns.ffm." + LARGEST));
        assertThat(r.metric("ns.javacpp-critical." + LARGEST)).as("javacpp-critical at the largest size, against javacpp")
                .isLessThan(2 * r.metric("ns.javacpp." + LARGEST));
    }

    @Test
    void aCollectionWaitsForTheRestOfALongCriticalCall() {
        // full scale, one binding: a call of a few hundred ms, several times a collection's own pause
        LessonResult r = lesson.run(LessonSettings.defaults().withBinding(Binding.FFM_CRITICAL));

        double call = r.metric("gc.call.ns.ffm-critical");
        double headStart = r.metric("gc.head.start.ns.ffm-critical");
        assertThat(r.metric("gc.wait.ns.ffm-critical"))
                .as("the collection's wait, against half the %.0f ms call less the %.1f ms it had already run",
                        call / 1e6, headStart / 1e6)
                .isGreaterThan(call / 2 - headStart);
    }

    @Test
    void aCollectionDoesNotWaitForACopiedCall() {
        LessonResult r = lesson.run(LessonSettings.defaults().withBinding(Binding.FFM));

        double call = r.metric("gc.call.ns.ffm");
        assertThat(r.metric("gc.wait.ns.ffm")).as("the collection's wait, against half the %.0f ms call", call / 1e6)
                .isLessThan(call / 2);
    }
}
