package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Released regions, blocking calls, ensure() and nesting: the API's contract, in switch mode. */
class RegionsTest {

    private final Interpreter interp = Interpreter.create(LockMode.SWITCH);
    private final AtomicReference<Throwable> error = new AtomicReference<>();

    @Test
    void callReleasedReturnsTheResultAndTakesTheLockBack() {
        interp.attach();
        try {
            boolean[] heldInside = {true};
            int result = interp.callReleased(() -> {
                heldInside[0] = interp.holdsLock();
                return 42;
            });
            assertThat(result).isEqualTo(42);
            assertThat(heldInside[0]).as("released inside").isFalse();
            assertThat(interp.holdsLock()).as("held again after").isTrue();
        } finally {
            interp.detach();
        }
    }

    @Test
    void anExceptionInsideAReleasedRegionLeavesWithTheLockTakenBack() {
        interp.attach();
        try {
            assertThatThrownBy(() -> interp.callReleased(() -> {
                throw new IOException("socket closed");
            })).isInstanceOf(IOException.class).hasMessage("socket closed");
            assertThat(interp.holdsLock()).as("after a checked exception").isTrue();
            assertThatThrownBy(() -> interp.runReleased(() -> {
                throw new IllegalArgumentException("boom");
            })).isInstanceOf(IllegalArgumentException.class);
            assertThat(interp.holdsLock()).as("after a runtime exception").isTrue();
            try (ReleasedRegion _ = interp.release()) {
                throw new IllegalStateException("early exit");
            } catch (IllegalStateException expected) {
                assertThat(interp.holdsLock()).as("try-with-resources closed the region first").isTrue();
            }
            LockStats.Counts c = interp.stats().total();
            assertThat(c.acquisitions()).isEqualTo(4);
            assertThat(c.releasedRegions()).isEqualTo(3);
        } finally {
            interp.detach();
        }
    }

    /** While one thread blocks in a queue take, another one runs interpreted code and feeds it. */
    @Test
    void aBlockingCallLetsOtherThreadsRunWhileItBlocks() throws Exception {
        SynchronousQueue<String> queue = new SynchronousQueue<>();
        AtomicReference<String> received = new AtomicReference<>();
        Thread consumer = Sim.startAttached(interp, "consumer", () -> {
            try {
                received.set(interp.blocking(queue::take));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }, error);
        Sim.awaitTrue(() -> interp.stats().total().blockingCalls() == 1, Duration.ofSeconds(10), "consumer blocked");
        interp.attach();
        try {
            Sim.interpret(interp, 100);
            assertThat(interp.blocking(() -> queue.offer("hello", 10, TimeUnit.SECONDS))).isTrue();
        } finally {
            interp.detach();
        }
        Sim.join(consumer, interp);
        Sim.rethrow(error);
        assertThat(received.get()).isEqualTo("hello");
    }

    @Test
    void sleepReleasesTheLock() throws Exception {
        interp.attach();
        try {
            CountDownLatch ran = new CountDownLatch(1);
            Thread other = Sim.startAttached(interp, "other", ran::countDown, error);
            Sim.awaitTrue(() -> interp.waiters() == 1, Duration.ofSeconds(10), "other waits");
            // This thread holds the lock except while it sleeps, so the other thread can only run
            // during a sleep; sleeping until it has run (however late the OS wakes it) proves it.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ran.getCount() > 0 && System.nanoTime() < deadline) {
                interp.sleep(Duration.ofMillis(5));
            }
            assertThat(ran.getCount()).as("the other thread ran during a sleep (10 s of them)").isZero();
            Sim.join(other, interp);
        } finally {
            interp.detach();
        }
        Sim.rethrow(error);
    }

    /** A native callback thread: unknown to the interpreter, ensure() attaches it for the region only. */
    @Test
    void ensureOnAForeignThreadAttachesItForTheRegionOnly() throws Exception {
        AtomicBoolean before = new AtomicBoolean(true);
        AtomicBoolean inside = new AtomicBoolean();
        AtomicBoolean tookLock = new AtomicBoolean();
        AtomicBoolean after = new AtomicBoolean(true);
        Thread callback = Sim.start("native-callback", () -> {
            before.set(interp.isAttached());
            try (EnsuredRegion gil = interp.ensure()) {
                inside.set(interp.holdsLock());
                tookLock.set(gil.tookLock());
                Sim.interpret(interp, 10);
            }
            after.set(interp.isAttached());
        }, error);
        Sim.join(callback, interp);
        Sim.rethrow(error);
        assertThat(before.get()).as("not attached before").isFalse();
        assertThat(inside.get()).as("holding inside").isTrue();
        assertThat(tookLock.get()).as("PyGILState_UNLOCKED").isTrue();
        assertThat(after.get()).as("detached again after").isFalse();
        LockStats.ThreadSnapshot t = interp.stats().thread("native-callback");
        assertThat(t.attached()).isFalse();
        assertThat(t.counts().acquisitions()).isEqualTo(1);
        assertThat(t.counts().voluntaryReleases()).as("the final release counts as voluntary").isEqualTo(1);
    }

    /** A native call that calls back into the interpreter: the callback re-takes the lock and gives it back. */
    @Test
    void ensureInsideAReleasedRegionRetakesTheLockAndGivesItBack() {
        interp.attach();
        try (ReleasedRegion _ = interp.release()) {
            assertThat(interp.holdsLock()).isFalse();
            try (EnsuredRegion callback = interp.ensure()) {
                assertThat(callback.tookLock()).isTrue();
                assertThat(interp.holdsLock()).isTrue();
                Sim.interpret(interp, 10);
                // a release inside the callback is fine
                interp.runReleased(() -> assertThat(interp.holdsLock()).isFalse());
            }
            assertThat(interp.holdsLock()).as("back to released").isFalse();
        } finally {
            interp.detach();
        }
        assertThat(interp.stats().total().acquisitions()).as("attach, callback, inner release, region end")
                .isEqualTo(4);
    }

    @Test
    void nestedEnsureAndAttachOnAHoldingThreadOnlyCount() {
        interp.attach();
        try {
            interp.attach();
            try (EnsuredRegion nested = interp.ensure()) {
                assertThat(nested.tookLock()).as("PyGILState_LOCKED: nothing taken").isFalse();
            }
            assertThat(interp.holdsLock()).as("a nested ensure gives nothing back").isTrue();
            interp.detach();
            assertThat(interp.isAttached()).as("the outer attach is still open").isTrue();
            assertThat(interp.holdsLock()).isTrue();
            assertThat(interp.stats().total().acquisitions()).as("only the first attach took the lock").isEqualTo(1);
        } finally {
            interp.detach();
        }
        assertThat(interp.isAttached()).isFalse();
    }

    @Test
    void attachedDetachesEvenWhenTheBodyThrows() {
        Runnable body = interp.attached(() -> {
            throw new IllegalStateException("thread died");
        });
        assertThatThrownBy(body::run).hasMessage("thread died");
        assertThat(interp.isAttached()).isFalse();
        assertThat(interp.stats().total().voluntaryReleases()).isEqualTo(1);
    }

    @Test
    void theDescriptionNamesHolderAndWaiters() {
        interp.attach();
        try {
            assertThat(interp.toString()).contains("held by '" + Thread.currentThread().getName() + "'")
                    .contains("0 waiting").contains("interval 5000 us");
        } finally {
            interp.detach();
        }
        assertThat(interp.toString()).contains("free");
    }
}
