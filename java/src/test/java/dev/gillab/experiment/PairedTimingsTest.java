package dev.gillab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Pairs of calls timed in turns; what the second way adds, call by call and as a median. */
class PairedTimingsTest {

    @Test
    void everyCallOfBothWaysIsTimedInTheOrderGiven() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        AtomicLong[] made = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};

        PairedTimings t = PairedTimings.time(interpreter, new CallTimer(Duration.ofMillis(1), 2, Duration.ZERO),
                List.of(made[0]::incrementAndGet, made[1]::incrementAndGet),
                List.of(made[2]::incrementAndGet, made[3]::incrementAndGet));

        for (int i = 0; i < 2; i++) {
            assertThat(t.first().get(i).calls()).as("first way's timed calls of call %d", i).isPositive()
                    .isLessThanOrEqualTo(made[i].get());
            assertThat(t.second().get(i).calls()).as("second way's timed calls of call %d", i).isPositive()
                    .isLessThanOrEqualTo(made[2 + i].get());
        }
        assertThat(t.run().threads()).as("timed on one thread").isEqualTo(1);
    }

    @Test
    void theMedianOfAnEvenNumberOfDifferencesIsTheMeanOfTheMiddleTwo() {
        PairedTimings t = new PairedTimings(null, List.of(timing(100), timing(100), timing(100), timing(100)),
                List.of(timing(110), timing(130), timing(120), timing(1_000)));

        assertThat(t.extraNanos(1)).as("what the second way adds to call 1").isEqualTo(30.0);
        assertThat(t.medianExtraNanos()).as("median of 10, 20, 30 and 900").isEqualTo(25.0);
    }

    @Test
    void pairsNeedAsManySecondCallsAsFirstOnes() {
        assertThatThrownBy(() -> new PairedTimings(null, List.of(timing(1)), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 and 0");
        assertThatThrownBy(() -> PairedTimings.time(Interpreter.create(LockMode.SWITCH),
                new CallTimer(Duration.ofMillis(1), 1, Duration.ZERO), List.of(() -> { }), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 and 0");
    }

    private static CallTimer.Timing timing(double nanosPerCall) {
        return new CallTimer.Timing(nanosPerCall, 1, Math.round(nanosPerCall));
    }
}
