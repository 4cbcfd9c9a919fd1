package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.kernel.EvalBreaker;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every misuse raises {@link LockMisuseException} with a message that says what went wrong, and
 * leaves the lock working: after each case this thread's state is what it was, and another
 * thread can still take the lock, poll, release and leave.
 */
class MisuseTest {

    private final Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH)
            .withSwitchIntervalMicros(1_000));
    private final AtomicReference<Throwable> error = new AtomicReference<>();

    @AfterEach
    void theLockStillWorks() throws Exception {
        assertThat(interp.isAttached()).as("the test left the thread detached").isFalse();
        Thread other = Sim.startAttached(interp, "after-misuse", () -> {
            Sim.interpret(interp, 100);
            interp.runReleased(() -> { });
            try (EnsuredRegion _ = interp.ensure()) {
                Sim.interpret(interp, 10);
            }
        }, error);
        Sim.join(other, interp);
        Sim.rethrow(error);
        LockStats.Counts c = interp.stats().total();
        assertThat(c.acquisitions()).as("the counters still add up after the misuse").isEqualTo(c.releases());
    }

    @Test
    void pollingWithoutBeingAttachedSaysSo() {
        assertThatThrownBy(interp::poll).isInstanceOf(LockMisuseException.class)
                .hasMessageContaining("poll()").hasMessageContaining("not attached");
        EvalBreaker breaker = interp.evalBreaker();
        assertThatThrownBy(breaker::poll).as("the kernels' breaker checks too").isInstanceOf(LockMisuseException.class);
    }

    @Test
    void pollingInsideAReleasedRegionSaysSo() {
        interp.attach();
        try (ReleasedRegion _ = interp.release()) {
            assertThatThrownBy(interp::poll).isInstanceOf(LockMisuseException.class)
                    .hasMessageContaining("inside a released region");
        } finally {
            interp.detach();
        }
    }

    @Test
    void releasingWithoutBeingAttachedSaysSo() {
        assertThatThrownBy(interp::release).isInstanceOf(LockMisuseException.class)
                .hasMessageContaining("release()").hasMessageContaining("not attached");
        assertThatThrownBy(() -> interp.runReleased(() -> { })).isInstanceOf(LockMisuseException.class);
        assertThatThrownBy(() -> interp.blocking(() -> 1)).isInstanceOf(LockMisuseException.class);
    }

    @Test
    void releasingTwiceSaysReleasesNeverNest() {
        interp.attach();
        try (ReleasedRegion _ = interp.release()) {
            assertThatThrownBy(interp::release).isInstanceOf(LockMisuseException.class)
                    .hasMessageContaining("releases never nest");
            assertThatThrownBy(() -> interp.callReleased(() -> 1)).isInstanceOf(LockMisuseException.class)
                    .hasMessageContaining("releases never nest");
            assertThat(interp.holdsLock()).as("still released, nothing changed").isFalse();
        } finally {
            interp.detach();
        }
    }

    @Test
    void closingAReleasedRegionTwiceSaysSo() {
        interp.attach();
        try {
            ReleasedRegion released = interp.release();
            released.close();
            assertThatThrownBy(released::close).isInstanceOf(LockMisuseException.class)
                    .hasMessageContaining("already closed");
            assertThat(interp.holdsLock()).as("the first close re-took the lock; the second changed nothing").isTrue();
            Sim.interpret(interp, 10);
        } finally {
            interp.detach();
        }
    }

    @Test
    void closingAReleasedRegionOnAnotherThreadSaysSo() throws Exception {
        interp.attach();
        try {
            ReleasedRegion released = interp.release();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread other = Thread.ofPlatform().name("intruder").start(() -> {
                try {
                    released.close();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            other.join();
            assertThat(thrown.get()).isInstanceOf(LockMisuseException.class)
                    .hasMessageContaining("cannot be closed by thread 'intruder'");
            assertThat(interp.holdsLock()).as("still released on the owner").isFalse();
            released.close();
            assertThat(interp.holdsLock()).as("the owner's close works").isTrue();
        } finally {
            interp.detach();
        }
    }

    @Test
    void closingRegionsOutOfOrderSaysSo() {
        interp.attach();
        try {
            ReleasedRegion outer = interp.release();
            EnsuredRegion callback = interp.ensure();
            assertThatThrownBy(outer::close).isInstanceOf(LockMisuseException.class)
                    .hasMessageContaining("still open").hasMessageContaining("innermost");
            callback.close();
            outer.close();
            assertThat(interp.holdsLock()).isTrue();
        } finally {
            interp.detach();
        }
    }

    @Test
    void closingAnEnsuredRegionTwiceOrOnAnotherThreadSaysSo() throws Exception {
        EnsuredRegion region = interp.ensure();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread other = Thread.ofPlatform().name("intruder").start(() -> {
            try {
                region.close();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        other.join();
        assertThat(thrown.get()).isInstanceOf(LockMisuseException.class).hasMessageContaining("intruder");
        region.close();
        assertThatThrownBy(region::close).isInstanceOf(LockMisuseException.class)
                .hasMessageContaining("already closed");
    }

    @Test
    void detachingAThreadThatIsNotAttachedSaysSo() {
        assertThatThrownBy(interp::detach).isInstanceOf(LockMisuseException.class)
                .hasMessageContaining("not attached");
        interp.attach();
        interp.detach();
        assertThatThrownBy(interp::detach).as("one detach per attach").isInstanceOf(LockMisuseException.class)
                .hasMessageContaining("not attached");
    }

    @Test
    void detachingWithARegionOpenSaysSo() {
        interp.attach();
        ReleasedRegion released = interp.release();
        assertThatThrownBy(interp::detach).isInstanceOf(LockMisuseException.class)
                .hasMessageContaining("released region is still open");
        released.close();
        EnsuredRegion nested = interp.ensure();
        assertThatThrownBy(interp::detach).isInstanceOf(LockMisuseException.class)
                .hasMessageContaining("ensure() region is still open");
        nested.close();
        interp.detach();
    }

    @Test
    void theHoldingDecoratorRefusesCallersWithoutTheLock() {
        HoldingKernels kernels = new HoldingKernels(interp, new FakeKernels());
        assertThatThrownBy(() -> kernels.add(1, 2)).isInstanceOf(LockMisuseException.class)
                .hasMessageContaining("HoldingKernels.add").hasMessageContaining("not attached");
        interp.attach();
        try {
            assertThat(kernels.add(1, 2)).isEqualTo(3);
            interp.runReleased(() -> assertThatThrownBy(() -> kernels.add(1, 2))
                    .isInstanceOf(LockMisuseException.class).hasMessageContaining("released region"));
        } finally {
            interp.detach();
        }
    }

    @Test
    void theMisuseExceptionIsAnIllegalStateException() {
        assertThatThrownBy(interp::poll).isInstanceOf(IllegalStateException.class);
    }
}
