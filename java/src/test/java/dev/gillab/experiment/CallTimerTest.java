package dev.gillab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timer never reports a call faster than it can be, times every variant, and rejects bad settings. */
class CallTimerTest {

    /** Busy-waits {@code nanos}: a call that cannot take less. */
    private static Runnable spin(long nanos) {
        return () -> {
            long end = System.nanoTime() + nanos;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        };
    }

    /**
     * The lower bounds hold by construction. The comparison holds once one round of the short
     * call ran undisturbed: on a busy machine a round of 1 ms can lose the core for a time slice
     * of another process (10 ms or more under a load of 15 on 2 cores, which makes the 20 us
     * call's round slower per call than the 200 us one's), but not every one of 20 rounds.
     */
    @Test
    void aCallIsNeverTimedFasterThanItCanRunAndLongerCallsTimeLonger() {
        CallTimer timer = new CallTimer(Duration.ofMillis(1), 20, Duration.ofMillis(5));

        List<CallTimer.Timing> t = timer.time(List.of(spin(20_000), spin(200_000)));

        assertThat(t).hasSize(2);
        assertThat(t.get(0).nanosPerCall()).as("a 20 us call").isGreaterThanOrEqualTo(20_000);
        assertThat(t.get(1).nanosPerCall()).as("a 200 us call").isGreaterThanOrEqualTo(200_000);
        assertThat(t.get(1).nanosPerCall()).as("the 200 us call against the 20 us one")
                .isGreaterThan(t.get(0).nanosPerCall());
    }

    @Test
    void everyVariantIsCalledAtLeastOncePerRoundAndItsTimeIsCounted() {
        CallTimer timer = new CallTimer(Duration.ofMillis(1), 4, Duration.ZERO);

        CallTimer.Timing t = timer.time(List.of(spin(2_000_000))).getFirst();

        assertThat(t.calls()).as("one call per round: the call outlasts a round").isEqualTo(4);
        assertThat(t.spentNanos()).as("four 2 ms calls").isGreaterThanOrEqualTo(8_000_000);
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> new CallTimer(Duration.ZERO, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("round");
        assertThatThrownBy(() -> new CallTimer(Duration.ofMillis(1), 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rounds");
        assertThatThrownBy(() -> new CallTimer(Duration.ofMillis(1), 1, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warmUp");
    }
}
