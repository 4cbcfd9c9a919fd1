package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.binding.Binding;
import dev.gillab.binding.Callbacks;
import dev.gillab.experiment.CallbackRun;
import dev.gillab.experiment.MisuseRun;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMisuseException;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.LockStats;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lesson 07: every ensuring callback takes the lock (counted by the lock's statistics), every sum
 * is right, and the callback that skips {@code ensure()} is stopped by {@link LockMisuseException},
 * for every binding, with the interpreter working afterwards. Counts and outcomes, never times.
 */
class Lesson07Test {

    private final Lesson07_CallbackReacquire lesson = new Lesson07_CallbackReacquire();

    @BeforeAll
    static void nativeLibrary() {
        LessonTests.assumeNativeLibrary();
    }

    static List<Binding> families() {
        return Lesson07_CallbackReacquire.FAMILIES;
    }

    @Test
    void meetsItsDeclaredExpectations() {
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        for (long interval : Lesson07_CallbackReacquire.INTERVALS) {
            assertThat(r.get(Lesson07_CallbackReacquire.TAKES.at("busy-" + interval + "us")))
                    .as("lock takes per callback beside a busy thread, %d us", interval).isGreaterThanOrEqualTo(1);
        }
        Row broken = r.rows().getLast();
        assertThat(broken.extra()).as("the broken row's callbacks").containsEntry("callbacks", "1");
        assertThat(broken.extra().get("outcome")).as("the broken row's outcome")
                .contains("LockMisuseException", "poll() needs the interpreter lock", "interpreter intact");
        assertThat(r.conclusion()).contains("raised LockMisuseException and the interpreter kept working");
        // last: a lesson with two-free-cores expectations is run again, and the test skipped on a busy machine
        LessonTests.assertDeclaredExpectations(lesson, settings, r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void withoutEnsureTheFirstCallbackRaisesLockMisuseNamingTheReleasedRegion(Binding binding) {
        AtomicLong started = new AtomicLong();
        MisuseRun broken = Lesson07_CallbackReacquire.broken(Interpreter.create(LockMode.SWITCH), binding.callbacks(),
                started);
        assertThat(broken.failure()).as("%s: what the native call threw", binding)
                .isInstanceOf(LockMisuseException.class)
                .hasMessageContaining("poll() needs the interpreter lock")
                .hasMessageContaining("inside a released region");
        assertThat(started.get()).as("%s: callbacks started", binding).isEqualTo(1);
        assertThat(broken.intact()).as("%s: the thread holds the lock, polls and calls back correctly afterwards",
                binding).isTrue();
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
                        Lesson07_CallbackReacquire.withoutEnsure(interpreter));
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
        Interpreter forBare = Interpreter.create(LockMode.SWITCH);
        Interpreter forEnsure = Interpreter.create(LockMode.SWITCH);
        CallbackRun bare = CallbackRun.measure(forBare, 1000, false, () -> Lesson07_CallbackReacquire
                .callBackReleased(forBare, ffm, 1000, Lesson07_CallbackReacquire::bare));
        CallbackRun ensured = CallbackRun.measure(forEnsure, 1000, false, () -> Lesson07_CallbackReacquire
                .callBackReleased(forEnsure, ffm, 1000, Lesson07_CallbackReacquire.ensuring(forEnsure)));
        // attaching and the end of the released region take it once each
        assertThat(bare.stats().acquisitions()).as("acquisitions with bare callbacks").isEqualTo(2);
        assertThat(ensured.stats().acquisitions()).as("acquisitions with ensuring callbacks").isEqualTo(1002);
        assertThat(bare.sum()).as("bare sum").isEqualTo(Lesson07_CallbackReacquire.expectedSum(1000));
        assertThat(ensured.sum()).as("ensuring sum").isEqualTo(Lesson07_CallbackReacquire.expectedSum(1000));
    }
}
