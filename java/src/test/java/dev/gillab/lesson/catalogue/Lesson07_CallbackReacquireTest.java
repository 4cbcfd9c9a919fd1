package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.gillab.binding.Binding;
import dev.gillab.binding.Callbacks;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.catalogue.Lesson07_CallbackReacquire.Broken;
import dev.gillab.lesson.catalogue.Lesson07_CallbackReacquire.Run;
import dev.gillab.lesson.catalogue.Lesson07_CallbackReacquire.Shape;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMisuseException;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.LockStats;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lesson 07 at a small scale: every correct callback takes the lock (counted by the lock's
 * statistics), every sum is right, and the callback that skips {@code ensure()} is stopped by
 * {@link LockMisuseException}, for every binding, with the interpreter working afterwards.
 * Counts and outcomes, never times.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Lesson07_CallbackReacquireTest {

    private static final LessonSettings SMALL = LessonSettings.defaults().withScale(0.01);

    private LessonResult result;

    @BeforeAll
    void runTheLessonSmall() {
        assumeFalse(Boolean.getBoolean("gillab.native.skip"), "the lesson calls the C library, which this build skipped");
        result = new Lesson07_CallbackReacquire().run(SMALL);
    }

    static List<Binding> families() {
        return Lesson07_CallbackReacquire.FAMILIES;
    }

    @Test
    void everyCallbackThatEnsuresTakesTheLockAlone() {
        for (Binding b : Lesson07_CallbackReacquire.FAMILIES) {
            String name = b.callbacks().name();
            assertThat(result.metric("lockTakesPerCallback." + name)).as("%s: lock acquisitions per callback", name)
                    .isGreaterThanOrEqualTo(1.0);
        }
    }

    @Test
    void everyCallbackThatEnsuresTakesTheLockWithABusyThreadToo() {
        for (long interval : Lesson07_CallbackReacquire.INTERVALS) {
            assertThat(result.metric("lockTakesPerCallback.contended." + interval))
                    .as("lock acquisitions per callback with a busy thread, %d us", interval).isGreaterThanOrEqualTo(1.0);
        }
    }

    @Test
    void everyRunReturnsTheRightSum() {
        assertThat(result.metric("sumsCorrect")).as("every run's sum was i*i summed").isEqualTo(1.0);
    }

    @Test
    void theBrokenRowNamesTheMisuseAndTheInterpreterSurvives() {
        assertThat(result.metric("broken.misuse")).as("LockMisuseException raised").isEqualTo(1.0);
        assertThat(result.metric("broken.callbacksRun")).as("callbacks started before the loop stopped").isEqualTo(1.0);
        assertThat(result.metric("broken.interpreterIntact")).as("interpreter works afterwards").isEqualTo(1.0);
        Row broken = result.rows().getLast();
        assertThat(broken.extra().get("outcome")).as("the broken row's outcome")
                .contains("LockMisuseException", "poll() needs the interpreter lock", "interpreter intact");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void withoutEnsureTheFirstCallbackRaisesLockMisuseNamingTheReleasedRegion(Binding binding) {
        Broken broken = Lesson07_CallbackReacquire.broken(SMALL, binding.callbacks());
        assertThat(broken.failure()).as("%s: what the native call threw", binding)
                .isInstanceOf(LockMisuseException.class)
                .hasMessageContaining("poll() needs the interpreter lock")
                .hasMessageContaining("inside a released region");
        assertThat(broken.callbacksRun()).as("%s: callbacks started", binding).isEqualTo(1);
        assertThat(broken.intact()).as("%s: the thread holds the lock, polls and calls back correctly afterwards", binding)
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void afterTheMisuseOtherThreadsStillTakeTurnsOnTheSameInterpreter(Binding binding) {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        Callbacks callbacks = binding.callbacks();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ThreadedRun.run(interpreter, 1, "broken", i -> {
            try {
                Lesson07_CallbackReacquire.callBackReleased(interpreter, callbacks, 100,
                        n -> Lesson07_CallbackReacquire.interpretedCode(interpreter, n));
            } catch (LockMisuseException e) {
                failure.set(e);
            }
        });
        assertThat(failure.get()).as("%s: the misuse was reported", binding).isInstanceOf(LockMisuseException.class);
        ThreadedRun.run(interpreter, 2, "after", i -> Lesson07_CallbackReacquire.callBackReleased(interpreter,
                callbacks, 500, Lesson07_CallbackReacquire.ensuring(interpreter)));
        LockStats stats = interpreter.stats();
        assertThat(stats.holdingThreads()).as("%s: threads holding the lock after everything ended", binding).isZero();
        assertThat(stats.thread("after-0").counts().acquisitions()).as("%s: after-0's acquisitions", binding)
                .isGreaterThanOrEqualTo(500);
        assertThat(stats.thread("after-1").counts().acquisitions()).as("%s: after-1's acquisitions", binding)
                .isGreaterThanOrEqualTo(500);
    }

    @Test
    void aBareCallbackTakesNoLockAndAnEnsuringOneTakesItOncePerCallback() {
        Callbacks ffm = Binding.FFM.callbacks();
        Run bare = Lesson07_CallbackReacquire.measure(SMALL.interpreter(), ffm, Shape.BARE, 1000, false);
        Run ensured = Lesson07_CallbackReacquire.measure(SMALL.interpreter(), ffm, Shape.ENSURE, 1000, false);
        // attach and the end of the released region take it once each
        assertThat(bare.stats().acquisitions()).as("acquisitions with bare callbacks").isEqualTo(2);
        assertThat(ensured.stats().acquisitions()).as("acquisitions with ensuring callbacks").isEqualTo(1002);
        assertThat(bare.sumCorrect() && ensured.sumCorrect()).as("both sums right").isTrue();
    }
}
