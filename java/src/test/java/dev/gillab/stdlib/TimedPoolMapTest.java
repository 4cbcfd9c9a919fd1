package dev.gillab.stdlib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.experiment.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimedPoolMapTest {

    /** Two workers' reports: 300 ns of CPU over a 100 ns map; round trips of 100 and 300 ns, 50 and 150 computing. */
    private final TimedPoolMap<Long> map = new TimedPoolMap<>(List.of(
            new PoolResult<>(7L, 0, 1000, 24, 100, 100, 50, 0, 0, 0),
            new PoolResult<>(9L, 1, 1000, 24, 300, 200, 150, 2, 1, 40)), 2, 5_000_000, 100);

    @Test
    void figuresComeFromTheWorkersReports() {
        assertThat(map.values()).containsExactly(7L, 9L);
        assertThat(map.parallelism()).isEqualTo(3.0);
        assertThat(map.copyingShare()).as("(50 + 150) ns outside the computations of 400 ns of round trips")
                .isEqualTo(0.5);
        assertThat(map.switches()).isEqualTo(2);
    }

    @Test
    void itsRowHasTheStandardColumnsAndThePoolsOwn() {
        Row row = map.row("countdown, 2 processes", 200);

        assertThat(row.threads()).isEqualTo(2);
        assertThat(row.speedup()).isEqualTo(2.0);
        assertThat(row.switches()).isEqualTo(2);
        assertThat(row.forcedDrops()).isEqualTo(1);
        assertThat(row.waitShare()).as("40 ns of lock wait over 2 workers x 100 ns").isEqualTo(0.2);
        assertThat(row.extra()).containsEntry("CPU/wall", "3.00").containsEntry("start ms", "5.0")
                .containsEntry("KiB/task", "1.0").containsEntry("copying", "50%");
    }
}
