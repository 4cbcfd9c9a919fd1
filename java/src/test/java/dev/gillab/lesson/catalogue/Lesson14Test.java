package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gillab.binding.Binding;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 14 at a tenth of its size: 100 tasks sleeping 100 ms each, on platform and on virtual
 * threads, and two native sleeps per carrier.
 */
class Lesson14Test {

    private static final int TASKS = 100;

    private static LessonResult result;
    private static boolean nativeBinding;

    @BeforeAll
    static void runTheLesson() {
        nativeBinding = !Boolean.getBoolean("gillab.native.skip");
        result = new Lesson14_VirtualThreadsForIo().run(LessonSettings.defaults().withScale(0.1)
                .withBinding(nativeBinding ? Binding.FFM : Binding.JAVA));
    }

    @Test
    void everyVirtualThreadAttachedSleptAndFinished() {
        assertThat(result.metric("virtual.tasks")).as("tasks at scale 0.1").isEqualTo(TASKS);
        assertThat(result.metric("virtual.threadsSeen")).as("threads the interpreter saw attach").isEqualTo(TASKS);
        assertThat(result.metric("virtual.blockingCalls")).as("one released sleep per task").isEqualTo(TASKS);
        assertThat(result.metric("platform.threadsSeen")).as("platform threads the interpreter saw attach").isEqualTo(TASKS);
    }

    /**
     * One after another the sleeps would take 100 x 100 ms = 10 s. A tenth of that leaves 0.9 s
     * above the one delay that overlapping needs, for creating the threads and passing the lock
     * 200 times on a busy machine (observed: under 0.3 s).
     */
    @Test
    void theSleepsOverlapOnBothKindsOfThreads() {
        double sequential = TASKS * result.metric("delay.seconds");
        assertThat(result.metric("virtual.seconds")).as("virtual threads (s) against a tenth of %.1f s", sequential)
                .isLessThan(sequential / 10);
        assertThat(result.metric("platform.seconds")).as("platform threads (s) against a tenth of %.1f s", sequential)
                .isLessThan(sequential / 10);
    }

    /**
     * The JVM's peak of platform threads: one per sleeping task with platform threads, only the
     * carriers and the JVM's own with virtual ones. At least a quarter of the tasks sleep at once
     * (creating 100 threads takes well under the 100 ms each sleeps), hence the margin of 25.
     */
    @Test
    void virtualThreadsDoNotNeedAPlatformThreadEach() {
        assertThat(result.metric("platform.peak.platformThreads") - result.metric("virtual.peak.platformThreads"))
                .as("peak platform threads with platform tasks minus with virtual tasks").isGreaterThan(TASKS / 4.0);
    }

    /**
     * Two native sleeps per carrier: a virtual thread in a native call pins its carrier, so only
     * as many sleep at once as there are carriers, and the row lasts at least two delays.
     */
    @Test
    void aNativeCallPinsItsCarrier() {
        assumeTrue(nativeBinding, "the native library was not built (-Dnative.skip)");
        assertThat(result.metric("pinned.tasks")).as("two virtual threads per carrier")
                .isEqualTo(Lesson14_VirtualThreadsForIo.PINNED_PER_CARRIER * result.metric("carriers"));
        assertThat(result.metric("pinned.delays")).as("wall time of the native sleeps, in delays")
                .isGreaterThanOrEqualTo(0.99 * Lesson14_VirtualThreadsForIo.PINNED_PER_CARRIER);
    }
}
