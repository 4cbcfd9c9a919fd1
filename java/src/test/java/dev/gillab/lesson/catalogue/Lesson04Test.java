package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.lesson.LessonResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lesson 04: releasing the lock around a tiny call costs more than the call, alone and against a busy thread. */
class Lesson04Test {

    private static LessonResult result;

    @BeforeAll
    static void runTheLesson() {
        LessonTests.assumeNativeLibrary();
        result = new Lesson04_InefficientReleaseTooShort().run(LessonTests.small().withSwitchIntervalMicros(1_000L));
    }

    @Test
    void aloneReleasingCostsMoreThanTheCallItself() {
        for (String kernel : new String[] {"noop", "add"}) {
            double held = result.metric("ns.held." + kernel);
            double released = result.metric("ns.released." + kernel);
            assertThat(released).as("%s: ns per call released against held (%.0f ns), fastest of many rounds", kernel, held)
                    .isGreaterThan(2 * held);
        }
    }

    @Test
    void underContentionEveryReleasedCallOpensARegionAndHeldCallsOpenNone() {
        for (String kernel : new String[] {"add", "sha256"}) {
            assertThat(result.metric("contended.regions.released." + kernel))
                    .as("%s released: regions opened by the caller, one per call", kernel)
                    .isEqualTo(result.metric("contended.calls.released." + kernel));
            assertThat(result.metric("contended.regions.held." + kernel))
                    .as("%s held: regions opened by the caller", kernel).isZero();
        }
    }

    @Test
    void underContentionReleasedAddMakesFewerCallsThanHeldAdd() {
        assertThat(result.metric("contended.calls.per.s.released.add"))
                .as("released add's calls/s against a countdown thread, against held add's")
                .isLessThan(result.metric("contended.calls.per.s.held.add"));
    }
}
