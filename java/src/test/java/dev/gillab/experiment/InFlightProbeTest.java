package dev.gillab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.binding.Binding;
import dev.gillab.lock.FakeKernels;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The probe counts calls in flight exactly: one at a time stays at 1, two at once reach 2. */
class InFlightProbeTest {

    @Test
    void callsOneAfterAnotherAreNeverInFlightTogether() {
        InFlightProbe probe = new InFlightProbe(Binding.JAVA.kernels());

        probe.add(1, 2);
        probe.sleepMicros(1_000);
        probe.noop();

        assertThat(probe.calls()).as("three calls went through").isEqualTo(3);
        assertThat(probe.maxInFlight()).as("one thread, one call at a time").isEqualTo(1);
        assertThat(probe.overlapNanos()).as("no two calls ever overlapped").isZero();
        assertThat(probe.inFlight()).as("all calls returned").isZero();
    }

    /**
     * The call that enters first is held open until the other is inside too: two in flight at
     * once whenever the OS gets round to starting the threads (10 s: a hang guard).
     */
    @Test
    void aCallStartedWhileAnotherRunsCountsTwoInFlightAndTheirOverlap() throws Exception {
        FakeKernels fake = new FakeKernels();
        InFlightProbe probe = new InFlightProbe(fake);
        CountDownLatch secondInside = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger entered = new AtomicInteger();
        fake.insideCall = () -> {
            if (entered.getAndIncrement() == 0) {
                awaitQuietly(secondInside);
            } else {
                secondInside.countDown();
            }
        };
        long start = System.nanoTime();
        Thread first = Thread.ofPlatform().start(() -> probe.sleepMicros(1_000));
        Thread second = Thread.ofPlatform().start(() -> {
            try {
                probe.sleepMicros(1_000);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        first.join();
        second.join();
        long elapsed = System.nanoTime() - start;

        assertThat(failure.get()).as("the second call's failure").isNull();
        assertThat(probe.maxInFlight()).as("the second call started inside the first").isEqualTo(2);
        assertThat(probe.overlapNanos()).as("some time with both calls in flight, never more than the test lasted")
                .isPositive().isLessThanOrEqualTo(elapsed);
        assertThat(probe.inFlight()).as("both calls returned").isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void itPassesResultsAndExceptionsThrough() {
        InFlightProbe probe = new InFlightProbe(Binding.JAVA.kernels());

        assertThat(probe.add(40, 2)).as("add's result").isEqualTo(42);
        assertThat(probe.sha256(new byte[0])).as("sha256's digest").hasSize(32);
        assertThatThrownBy(() -> probe.fib(-1))
                .as("bad input still fails").isInstanceOf(IllegalArgumentException.class);
        assertThat(probe.inFlight()).as("a failed call is no longer in flight").isZero();
        assertThat(probe.name()).as("name").isEqualTo("java+probe");
    }
}
