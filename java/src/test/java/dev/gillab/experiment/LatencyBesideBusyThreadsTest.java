package dev.gillab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.experiment.LatencyBesideBusyThreads.Result;
import dev.gillab.experiment.LatencyBesideBusyThreads.Window;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The timed thread's operations beside busy threads: warm-ups untimed, at least the minimum timed, resource closed. */
class LatencyBesideBusyThreadsTest {

    /** A resource that counts its operations and knows whether it was closed. */
    private static final class Counted implements AutoCloseable {
        final AtomicInteger operations = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void timesAtLeastTheMinimumAfterTheWarmUpsBesideBusyThreadsThatKeptWorking() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        Counted resource = new Counted();
        Duration sleep = Duration.ofMillis(1);

        Result r = LatencyBesideBusyThreads.run(interpreter, 1, new Window(Duration.ZERO, 3, 10), () -> resource,
                c -> {
                    c.operations.incrementAndGet();
                    interpreter.sleep(sleep);
                }, () -> {
                    interpreter.poll();
                    return 1;
                });

        assertThat(r.latencies().getTotalCount()).as("timed operations").isEqualTo(10);
        assertThat(resource.operations).as("operations, warm-ups included").hasValue(13);
        assertThat(r.latencies().getMinValue()).as("the shortest timed operation, ns")
                .isGreaterThanOrEqualTo(r.latencies().lowestEquivalentValue(sleep.toNanos()));
        assertThat(resource.closed).isTrue();
        assertThat(r.busyIterations()).as("the busy thread's work units").isPositive();
        assertThat(r.timedThread().blockingCalls()).as("the start wait and 13 sleeps").isEqualTo(14);
        assertThat(r.measurement().threads()).isEqualTo(2);
    }

    @Test
    void refusesAWindowWithoutSamples() {
        assertThatThrownBy(() -> new Window(Duration.ofMillis(1), 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
