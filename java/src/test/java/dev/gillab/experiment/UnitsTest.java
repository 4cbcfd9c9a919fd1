package dev.gillab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Times, sizes, counts and percentages print with a unit and a few significant digits. */
class UnitsTest {

    @Test
    void durationsPickTheirUnit() {
        assertThat(Units.nanos(12.4)).isEqualTo("12 ns");
        assertThat(Units.nanos(4_321)).isEqualTo("4.32 us");
        assertThat(Units.nanos(120_400)).isEqualTo("120 us");
        assertThat(Units.nanos(35_240_000)).isEqualTo("35.2 ms");
        assertThat(Units.nanos(1_204_000_000)).isEqualTo("1.20 s");
        assertThat(Units.nanos(-1_500)).as("a negative difference").isEqualTo("-1.50 us");
    }

    @Test
    void sizesAreBinary() {
        assertThat(Units.bytes(64)).isEqualTo("64 B");
        assertThat(Units.bytes(2048)).isEqualTo("2 KiB");
        assertThat(Units.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Units.bytes(8L << 20)).isEqualTo("8 MiB");
    }

    @Test
    void threadCountsAgreeInNumber() {
        assertThat(Units.threads(1)).isEqualTo("1 thread");
        assertThat(Units.threads(4)).isEqualTo("4 threads");
    }

    @Test
    void percentagesAreSigned() {
        assertThat(Units.percent(0.234)).isEqualTo("+23%");
        assertThat(Units.percent(0.004)).isEqualTo("+0.4%");
        assertThat(Units.percent(-0.012)).isEqualTo("-1.2%");
    }
}
