package dev.gillab.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scenarios whose gillab side runs on the standard-library stand-ins that the lessons use
 * too (the process pool, the loopback echo server, the shared counter, {@code threading.Lock},
 * the event loop):
 * at the smallest effort, each runs, and gives every figure its metrics read. Counts that do
 * not depend on timing are checked exactly: a lock, or {@code +=} with no poll between its load
 * and its store, loses no update.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StandInScenariosTest {

    private static final Effort SMALLEST = new Effort(0.05, 1);

    @Test
    void aProcessPoolRunsBothHalvesAndIsTimedAgainstTheSequentialRun() {
        assertEveryMetricDerives(new ProcessPoolScenario(), new ProcessPoolScenario().gillab(SMALLEST));
    }

    @Test
    void theConvoyMakesRoundTripsThroughTheEchoServerInEveryConfiguration() {
        Figures figures = new ConvoyScenario().gillab(SMALLEST);

        assertEveryMetricDerives(new ConvoyScenario(), figures);
        assertThat(figures.get(ConvoyScenario.key("slow", 500, 2)).median()).isBetween(0.0, 1.0);
    }

    @Test
    void lostUpdatesNeedAPollBetweenTheReadAndTheWriteAndNoLock() {
        Figures figures = new LostUpdateScenario().gillab(SMALLEST);

        assertEveryMetricDerives(new LostUpdateScenario(), figures);
        for (String none : List.of("+=", "+= with lock", "read-call-write with lock")) {
            assertThat(figures.get(none).max()).as(none).isZero();
        }
    }

    @Test
    void withTheLockOnThePlusEqualOfTheFreeThreadedScenarioLosesNothing() {
        Figures figures = new FreeLostUpdateScenario().gillab(SMALLEST);

        assertEveryMetricDerives(new FreeLostUpdateScenario(), figures);
        assertThat(figures.get(FreeThreadedScenarios.LOCK + "global +=").max()).isZero();
    }

    /** The event loop: a blocking call in a task holds the heartbeat up for at least its whole length. */
    @Test
    void theEventLoopLagsByTheWholeBlockingCallMadeInATask() {
        Figures figures = new EventLoopScenario().gillab(SMALLEST);

        assertEveryMetricDerives(new EventLoopScenario(), figures);
        assertThat(figures.get("lag_blocking_task").min()).as("seconds")
                .isGreaterThanOrEqualTo(0.99 * figures.get("call").min());
    }

    private static void assertEveryMetricDerives(Scenario scenario, Figures figures) {
        for (Metric m : scenario.metrics()) {
            Series s = m.derive().apply(figures);
            assertThat(s.values()).as("%s: %s", scenario.info().title(), m.what()).allMatch(Double::isFinite);
        }
    }
}
