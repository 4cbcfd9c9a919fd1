package dev.gillab.stdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatedProgramsTest {

    @Test
    void aProgramExitsNoSoonerThanItsRuntime() throws InterruptedException {
        Duration runtime = Duration.ofMillis(30);
        try (SimulatedPrograms programs = new SimulatedPrograms()) {
            long start = System.nanoTime();
            CountDownLatch exited = programs.start(runtime);
            assertThat(exited.await(10, TimeUnit.SECONDS)).as("exited within 10 s").isTrue();
            assertThat(System.nanoTime() - start).as("ns until the exit").isGreaterThanOrEqualTo(runtime.toNanos());
            assertThat(programs.running()).as("running after the exit").isZero();
        }
    }

    @Test
    void thePeakCountsProgramsThatRanAtTheSameTime() throws InterruptedException {
        try (SimulatedPrograms programs = new SimulatedPrograms()) {
            List<CountDownLatch> together = List.of(programs.start(Duration.ofMillis(50)),
                    programs.start(Duration.ofMillis(50)),
                    programs.start(Duration.ofMillis(50)));
            for (CountDownLatch exited : together) {
                assertThat(exited.await(10, TimeUnit.SECONDS)).as("exited within 10 s").isTrue();
            }
            assertThat(programs.peakRunning()).as("three started before any exited").isEqualTo(3);
        }
        try (SimulatedPrograms programs = new SimulatedPrograms()) {
            for (int i = 0; i < 3; i++) {
                assertThat(programs.start(Duration.ofMillis(1)).await(10, TimeUnit.SECONDS)).as("exited within 10 s")
                        .isTrue();
            }
            assertThat(programs.peakRunning()).as("each waited for before the next started").isEqualTo(1);
            assertThat(programs.started()).as("programs started").isEqualTo(3);
        }
    }

    @Test
    void refusesANegativeRuntime() {
        try (SimulatedPrograms programs = new SimulatedPrograms()) {
            assertThatThrownBy(() -> programs.start(Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
            assertThat(programs.started()).as("nothing started").isZero();
        }
    }
}
