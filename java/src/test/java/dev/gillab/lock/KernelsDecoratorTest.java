package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The two decorators: the correct extension releases around each call, the broken one holds. */
class KernelsDecoratorTest {

    private final Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH)
            .withSwitchIntervalMicros(1_000));
    private final AtomicReference<Throwable> error = new AtomicReference<>();

    /** During a released call another thread takes the lock and runs. */
    @Test
    void releasingKernelsLetOtherThreadsRunDuringTheCall() throws Exception {
        FakeKernels fake = new FakeKernels();
        AtomicBoolean heldInside = new AtomicBoolean(true);
        AtomicBoolean otherRanDuringCall = new AtomicBoolean();
        fake.insideCall = () -> {
            heldInside.set(interp.holdsLock());
            CountDownLatch ran = new CountDownLatch(1);
            Thread other = Sim.startAttached(interp, "other", () -> {
                Sim.interpret(interp, 10);
                ran.countDown();
            }, error);
            otherRanDuringCall.set(SwitchModeTest.await(ran, 5_000));
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        };
        ReleasingKernels kernels = new ReleasingKernels(interp, fake);
        interp.attach();
        try {
            assertThat(kernels.countdown(5)).isEqualTo(5);
            assertThat(interp.holdsLock()).as("held again after the call").isTrue();
        } finally {
            interp.detach();
        }
        Sim.rethrow(error);
        assertThat(heldInside.get()).as("the call ran without the lock").isFalse();
        assertThat(otherRanDuringCall.get()).as("another thread ran interpreted code during the call").isTrue();
        assertThat(kernels.name()).isEqualTo("fake+released");
    }

    @Test
    void releasingKernelsCountEveryCallAndSleepAsABlockingCall() {
        ReleasingKernels kernels = new ReleasingKernels(interp, new FakeKernels());
        interp.attach();
        try {
            kernels.add(1, 2);
            kernels.noop();
            kernels.sha256(new byte[1]);
            kernels.fib(3);
            kernels.pi(1);
            kernels.primes(10);
            kernels.matmul(new double[1], new double[1], 1);
            kernels.mandelbrot(1, 1, 1, dev.gillab.kernel.Region.FULL_SET);
            kernels.countdown(1);
            kernels.sum(new double[1], 1);
            kernels.sleepMicros(10);
            LockStats.Counts c = interp.stats().total();
            assertThat(c.releasedRegions()).as("ten released calls").isEqualTo(10);
            assertThat(c.blockingCalls()).as("sleepMicros is a blocking call").isEqualTo(1);
            assertThat(c.acquisitions()).isEqualTo(12);
        } finally {
            interp.detach();
        }
    }

    /** The broken extension keeps the lock: a waiter cannot get in until the call returns. */
    @Test
    void holdingKernelsKeepTheLockForTheWholeCall() throws Exception {
        FakeKernels fake = new FakeKernels();
        AtomicBoolean heldInside = new AtomicBoolean();
        AtomicBoolean otherGotInDuringCall = new AtomicBoolean(true);
        CountDownLatch otherIn = new CountDownLatch(1);
        fake.insideCall = () -> {
            heldInside.set(interp.holdsLock());
            Sim.start("other", interp.attached(otherIn::countDown), error);
            // The waiter asks (a drop request after one switch interval), but the call never polls.
            Sim.awaitTrue(interp::dropRequested, Duration.ofSeconds(10), "the waiter should post a drop request");
            otherGotInDuringCall.set(SwitchModeTest.await(otherIn, 50));
        };
        HoldingKernels kernels = new HoldingKernels(interp, fake);
        interp.attach();
        try {
            assertThat(kernels.fib(10)).isEqualTo(55);
        } finally {
            interp.detach();
        }
        assertThat(otherIn.await(10, TimeUnit.SECONDS)).as("the other thread got in after the call").isTrue();
        Sim.rethrow(error);
        assertThat(heldInside.get()).as("the call ran holding the lock").isTrue();
        assertThat(otherGotInDuringCall.get()).as("nobody got in during the call").isFalse();
        assertThat(interp.stats().thread("other").counts().dropRequests())
                .as("the waiter asked, in vain").isGreaterThanOrEqualTo(1);
        assertThat(kernels.name()).isEqualTo("fake+held");
    }
}
