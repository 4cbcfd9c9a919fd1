package dev.gillab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.experiment.ThreadPerTaskRun.Result;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A new thread per task, attached for its task; the peaks come from the tasks themselves. */
class ThreadPerTaskRunTest {

    /**
     * Every task waits, with the lock released, until all of them have attached: so all of them
     * were attached at once, on virtual threads as on platform ones.
     */
    @Test
    void everyTaskRunsAttachedOnAThreadOfItsOwn() {
        for (Thread.Builder builder : new Thread.Builder[] {Thread.ofPlatform(), Thread.ofVirtual()}) {
            Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
            CountDownLatch allAttached = new CountDownLatch(8);

            Result r = ThreadPerTaskRun.run(interpreter, builder, 8, i -> {
                allAttached.countDown();
                assertThat(interpreter.blocking(() -> allAttached.await(30, TimeUnit.SECONDS))).isTrue();
            });

            assertThat(r.measurement().threads()).isEqualTo(8);
            assertThat(r.measurement().stats().threads()).as("threads that attached").hasSize(8);
            assertThat(r.peakAttached()).as("tasks attached at once").isEqualTo(8);
            assertThat(r.creationNanos()).isPositive().isLessThanOrEqualTo(r.measurement().wallNanos());
            long wall = r.measurement().wallNanos();
            assertThat(r.row("tasks", wall, Duration.ofNanos(wall)).extra())
                    .containsEntry("wall/delay", "1.00").containsEntry("peak attached", "8")
                    .containsKeys("create ms", "CPU ms", "peak platform threads", "peak waiters");
        }
    }

    @Test
    void aTaskThatFailsFailsTheRun() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);

        assertThatThrownBy(() -> ThreadPerTaskRun.run(interpreter, Thread.ofVirtual(), 3, i -> {
            if (i == 1) {
                throw new IllegalStateException("task 1 failed");
            }
            interpreter.sleep(Duration.ofMillis(1));
        })).isInstanceOf(IllegalStateException.class).hasMessage("task 1 failed");
    }

    @Test
    void refusesNoTasks() {
        assertThatThrownBy(() -> ThreadPerTaskRun.run(Interpreter.create(LockMode.SWITCH), Thread.ofVirtual(), 0,
                i -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
