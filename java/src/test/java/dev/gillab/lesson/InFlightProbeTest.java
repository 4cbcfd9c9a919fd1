package dev.gillab.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.binding.Binding;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The probe counts calls in flight exactly: one at a time stays at 1, two at once reach 2. */
class InFlightProbeTest {

    /** Long enough that the second call starts well before the first ends. */
    private static final long SLEEP_MICROS = 200_000;

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

    @Test
    void aCallStartedWhileAnotherRunsCountsTwoInFlightAndTheirOverlap() throws Exception {
        InFlightProbe probe = new InFlightProbe(Binding.JAVA.kernels());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread first = Thread.ofPlatform().start(() -> probe.sleepMicros(SLEEP_MICROS));
        while (probe.inFlight() == 0) {
            Thread.sleep(Duration.ofMillis(1));
        }
        Thread second = Thread.ofPlatform().start(() -> {
            try {
                probe.sleepMicros(SLEEP_MICROS);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        first.join();
        second.join();

        assertThat(failure.get()).as("the second call's failure").isNull();
        assertThat(probe.maxInFlight()).as("the second call started inside the first").isEqualTo(2);
        assertThat(probe.overlapNanos()).as("some time with both calls in flight, never more than one call")
                .isPositive().isLessThanOrEqualTo(SLEEP_MICROS * 1_000 * 3);
        assertThat(probe.inFlight()).as("both calls returned").isZero();
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
