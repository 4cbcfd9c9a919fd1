package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.experiment.Row;
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

    /**
     * Why released calls fall behind under contention, by counting hand-overs rather than
     * comparing calls/s (two timed runs that a busy machine slows by different amounts). Held,
     * the caller lets the lock go only when the countdown thread's drop request forces it at a
     * poll, so every switch follows a forced drop, but for the first take and the hand-over at
     * the caller's detach: switches <= forced drops + 2. Released, every call is an opening: the
     * countdown thread, woken by each release, takes the lock without forcing anyone, and the
     * caller hands it over at a release when asked (a voluntary release): switches outnumber
     * forced drops (about two to one on an idle machine). Fails if the releasing wrapper kept the
     * lock, or if the holding one let it go.
     */
    @Test
    void underContentionReleasedAddHandsTheLockOverAtItsReleasesAndHeldAddOnlyWhenForced() {
        for (String kernel : new String[] {"add", "sha256 64 B"}) {
            Row held = row(kernel + ", held, + countdown");
            Row released = row(kernel + ", released, + countdown");
            assertThat(held.switches()).as("%s held: switches against forced drops (%d) + 2\n%s", kernel,
                    held.forcedDrops(), result).isLessThanOrEqualTo(held.forcedDrops() + 2);
            assertThat(released.switches()).as("%s released: switches against forced drops (%d) + 2\n%s", kernel,
                    released.forcedDrops(), result).isGreaterThan(released.forcedDrops() + 2);
        }
    }

    private static Row row(String label) {
        return result.rows().stream().filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no row '" + label + "' in\n" + result));
    }
}
