package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.lesson.LessonChart;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lock.LockMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lesson 11. What the lock does is counted on every run (in priority mode the I/O thread asks
 * for the lock at once, in switch mode only after a timed-out wait). The convoy itself, round
 * trips per second, is judged only with two free cores around the run: whether a round trip
 * finds the CPU thread holding the lock is a race between the CPU thread's wake-up and the
 * server's reply, and on a busy machine the I/O thread, the echo server and the CPU thread queue
 * for the cores instead.
 */
class Lesson11Test {

    private final Lesson11_ConvoyEffect lesson = new Lesson11_ConvoyEffect();

    @Test
    void meetsItsDeclaredExpectations() {
        LessonTests.assumeCores(2);
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        assertThat(r.rows()).hasSize(7);
        assertThat(r.rows().getFirst().label()).isEqualTo("I/O thread alone");
        assertThat(r.chart().kind()).isEqualTo(LessonChart.Kind.BARS);
        assertThat(r.chart().points()).hasSize(7);
        LessonTests.assertDeclaredExpectations(lesson, settings, r);
    }

    /** {@code --mode} replaces the three configurations by the one chosen, at the default interval. */
    @Test
    void aModeChosenReplacesTheThreeConfigurations() {
        LessonTests.assumeCores(2);
        LessonResult r = lesson.run(LessonTests.small().withThreads(List.of(1, 2)).withMode(LockMode.PRIORITY));

        assertThat(r.rows()).extracting(row -> row.label())
                .containsExactly("I/O thread alone", "priority 5 ms, I/O + 1 CPU");
        assertThat(r.get(Lesson11_ConvoyEffect.DROP_REQUESTS.at("priority5ms.cpu1")))
                .as("the I/O thread's drop requests, one CPU thread, priority mode")
                .isGreaterThanOrEqualTo(Lesson11_ConvoyEffect.MIN_ROUND_TRIPS);
    }

    @Test
    void refusesASwitchIntervalThatCouldOutlastARun() {
        assertThatThrownBy(() -> Lesson11_ConvoyEffect.requireFinishes(
                new Lesson11_ConvoyEffect.Config(LockMode.SWITCH, 1_000_000), 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("switch interval 1000000 us is too long for lesson 11 with 4 CPU thread(s)");
        assertThatCode(() -> Lesson11_ConvoyEffect.requireFinishes(
                new Lesson11_ConvoyEffect.Config(LockMode.PRIORITY, 1_000_000), 4))
                .as("a returning thread gets the priority lock at once").doesNotThrowAnyException();
    }
}
