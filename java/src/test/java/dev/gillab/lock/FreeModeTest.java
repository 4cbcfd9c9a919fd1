package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Free threading: no exclusion, but the same rules of use and the same statistics. */
class FreeModeTest {

    private final AtomicReference<Throwable> error = new AtomicReference<>();

    /**
     * Two threads inside at once: each enters, then waits (holding, not polling) until both are
     * inside. With a lock the second could never enter; see the switch-mode counterpart below.
     */
    @Test
    void twoThreadsRunInterpretedCodeAtTheSameTime() throws Exception {
        Interpreter interp = Interpreter.create(LockMode.FREE);
        AtomicInteger inside = new AtomicInteger();
        CountDownLatch bothInside = new CountDownLatch(2);
        AtomicInteger maxInside = new AtomicInteger();
        Runnable body = () -> {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            bothInside.countDown();
            assertThat(interp.holdsLock()).as("holding while inside").isTrue();
            assertThat(SwitchModeTest.await(bothInside, 10_000)).as("the other thread got in too").isTrue();
            Sim.interpret(interp, 100);
            inside.decrementAndGet();
        };
        Thread a = Sim.startAttached(interp, "a", body, error);
        Thread b = Sim.startAttached(interp, "b", body, error);
        Sim.join(a, interp);
        Sim.join(b, interp);
        Sim.rethrow(error);
        assertThat(maxInside.get()).as("threads inside at once").isEqualTo(2);
        LockStats.Counts c = interp.stats().total();
        assertThat(c.polls()).isEqualTo(200);
        assertThat(c.acquisitions()).as("attaches still count").isEqualTo(2);
        assertThat(c.voluntaryReleases()).as("detaches still count").isEqualTo(2);
        assertThat(c.switches() + c.dropRequests() + c.forcedDrops() + c.futileWakeups() + c.waitTimeouts())
                .as("nothing waits, asks or is forced").isZero();
    }

    /** The counterpart: with a lock, a thread that holds it without polling keeps everyone out. */
    @Test
    void withALockTheSecondThreadStaysOut() throws Exception {
        Interpreter interp = Interpreter.create(LockMode.SWITCH);
        interp.attach();
        CountDownLatch entered = new CountDownLatch(1);
        Thread other = Sim.startAttached(interp, "other", entered::countDown, error);
        try {
            assertThat(entered.await(200, TimeUnit.MILLISECONDS)).as("the other thread entered while we held the lock")
                    .isFalse();
        } finally {
            interp.detach();
        }
        Sim.join(other, interp);
        Sim.rethrow(error);
        assertThat(entered.getCount()).as("it entered once we left").isZero();
    }

    @Test
    void releasedRegionsAndBlockingCallsAreCountedAndTheRulesStillApply() throws Exception {
        Interpreter interp = Interpreter.create(LockMode.FREE);
        interp.attach();
        try {
            interp.runReleased(() -> assertThat(interp.holdsLock()).isFalse());
            interp.sleep(Duration.ofMillis(1));
            LockStats.Counts c = interp.stats().total();
            assertThat(c.releasedRegions()).isEqualTo(1);
            assertThat(c.blockingCalls()).isEqualTo(1);
            assertThat(c.acquisitions()).isEqualTo(3);
            try (ReleasedRegion _ = interp.release()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(interp::poll)
                        .as("no poll inside a released region, even without a lock")
                        .isInstanceOf(LockMisuseException.class);
            }
        } finally {
            interp.detach();
        }
    }
}
