package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.binding.Binding;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 10 at a tenth of its size: ten fetches of 40 ms, on 1 and 10 threads, through the
 * native sleep, and with the lock held. Wall-time claims rest on lower bounds that hold by
 * construction (a fetch cannot be answered before its delay) and on a bound with a wide margin.
 */
class Lesson10Test {

    private static LessonResult result;

    @BeforeAll
    static void runTheLesson() {
        Binding binding = Boolean.getBoolean("gillab.native.skip") ? Binding.JAVA : Binding.FFM;
        result = new Lesson10_BlockingIoReleasesTheLock().run(LessonSettings.defaults().withScale(0.1).withBinding(binding));
    }

    private static double serialSeconds() {
        return Lesson10_BlockingIoReleasesTheLock.FETCHES * result.metric("fetch.seconds");
    }

    /**
     * One thread needs at least 10 x 40 ms = 400 ms; ten threads ideally 40 ms. The bound, half
     * the one-thread time, leaves ten threads 160 ms or more for starting, connecting and
     * scheduling on a busy machine: failing it means the fetches did not overlap.
     */
    @Test
    void tenThreadsFetchInLessThanHalfTheSequentialTime() {
        assertThat(result.metric("sequential.seconds")).as("one thread, ten fetches one after another (s)")
                .isGreaterThanOrEqualTo(0.99 * serialSeconds());
        assertThat(result.metric("threaded.seconds")).as("ten threads (s) against half the sequential time")
                .isLessThan(0.5 * result.metric("sequential.seconds"));
    }

    @Test
    void everyStepOfASocketFetchIsABlockingCall() {
        double threeStepsPerFetch = 3.0 * Lesson10_BlockingIoReleasesTheLock.FETCHES;
        assertThat(result.metric("socket.blockingCalls.1")).as("connect, send, receive per fetch, 1 thread")
                .isEqualTo(threeStepsPerFetch);
        assertThat(result.metric("socket.blockingCalls.10")).as("connect, send, receive per fetch, 10 threads")
                .isEqualTo(threeStepsPerFetch);
        assertThat(result.metric("server.connections")).as("connections the server accepted: three rows of ten fetches")
                .isEqualTo(3.0 * Lesson10_BlockingIoReleasesTheLock.FETCHES);
    }

    /** Same margin as the socket fetches: the released sleeps overlap as the released reads do. */
    @Test
    void theNativeSleepReleasedAroundTheCallOverlapsToo() {
        assertThat(result.metric("native.blockingCalls")).as("one blocking call per sleep")
                .isEqualTo(Lesson10_BlockingIoReleasesTheLock.FETCHES);
        assertThat(result.metric("native.seconds")).as("ten native sleeps on ten threads (s)")
                .isLessThan(0.5 * serialSeconds());
    }

    /**
     * With the lock held from connect to reply, the next fetch cannot even be sent before the
     * previous reply came back: the run lasts at least the ten delays, whatever the machine.
     */
    @Test
    void aFetchThatHoldsTheLockSerialisesThemAll() {
        assertThat(result.metric("held.blockingCalls")).as("blocking calls: none, the lock was never released").isZero();
        assertThat(result.metric("held.seconds")).as("ten fetches with the lock held (s) against ten delays")
                .isGreaterThanOrEqualTo(0.99 * serialSeconds());
        assertThat(result.conclusion()).as("the conclusion follows the figures")
                .contains("the waits overlapped").endsWith("(the waits ran one after another).");
    }
}
