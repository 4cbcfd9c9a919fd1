package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interrupts: a thread waiting for the lock keeps waiting (as CPython's do) and sees its
 * interrupt once it holds the lock; a blocking call is interrupted normally and returns with the
 * lock held again. The lock's state stays consistent either way.
 */
class InterruptTest {

    private final AtomicReference<Throwable> error = new AtomicReference<>();

    @ParameterizedTest
    @EnumSource(value = LockMode.class, names = {"SWITCH", "TICKS", "PRIORITY"})
    void aThreadInterruptedWhileWaitingKeepsWaitingAndSeesTheInterruptOnceItHoldsTheLock(LockMode mode)
            throws Exception {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(mode).withSwitchIntervalMicros(1_000));
        interp.attach(); // hold the lock and never poll: the waiter cannot get in
        AtomicBoolean acquired = new AtomicBoolean();
        AtomicBoolean interruptedOnceHolding = new AtomicBoolean();
        Thread waiter = Sim.start("waiter", interp.attached(() -> {
            acquired.set(true);
            interruptedOnceHolding.set(Thread.currentThread().isInterrupted());
            Thread.interrupted();
        }), error);
        try {
            Sim.awaitTrue(() -> interp.waiters() == 1, Duration.ofSeconds(10), "the waiter should wait");
            waiter.interrupt();
            Thread.sleep(100);
            assertThat(acquired.get()).as("the interrupted waiter did not get the lock").isFalse();
            assertThat(interp.waiters()).as("it is still waiting").isEqualTo(1);
            assertThat(waiter.isAlive()).isTrue();
        } finally {
            interp.detach();
        }
        Sim.join(waiter, interp);
        Sim.rethrow(error);
        assertThat(acquired.get()).as("it got the lock once it was free").isTrue();
        assertThat(interruptedOnceHolding.get()).as("its interrupt status was set again once it held the lock")
                .isTrue();
        LockStats stats = interp.stats();
        assertThat(stats.thread("waiter").counts().interrupts()).as("the interrupt was counted")
                .isGreaterThanOrEqualTo(1);
        assertThat(stats.total().acquisitions()).as("consistent counters").isEqualTo(stats.total().releases());
        assertThat(interp.waiters()).isZero();
        interp.attach();
        Sim.interpret(interp, 10);
        interp.detach();
    }

    @ParameterizedTest
    @EnumSource(LockMode.class)
    void anInterruptedBlockingCallThrowsWithTheLockHeldAgain(LockMode mode) throws Exception {
        Interpreter interp = Interpreter.create(mode);
        CountDownLatch blocked = new CountDownLatch(1);
        AtomicBoolean holdsLockInCatch = new AtomicBoolean();
        Thread sleeper = Sim.startAttached(interp, "sleeper", () -> {
            try {
                interp.blocking(() -> {
                    blocked.countDown();
                    Thread.sleep(60_000);
                    return null;
                });
            } catch (InterruptedException e) {
                holdsLockInCatch.set(interp.holdsLock());
            }
        }, error);
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        sleeper.interrupt();
        Sim.join(sleeper, interp);
        Sim.rethrow(error);
        assertThat(holdsLockInCatch.get()).as("the lock was taken again before the exception reached the caller")
                .isTrue();
        assertThat(interp.stats().total().blockingCalls()).isEqualTo(1);
    }
}
