package dev.gillab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Numbers, times, sizes, counts and percentages print with a few significant digits and, where they have one, a unit.
 */
class UnitsTest {

    @Test
    void numbersHaveThreeSignificantDigitsAndNoTrailingZeros() {
        assertThat(Units.number(1.85)).isEqualTo("1.85");
        assertThat(Units.number(1.0234)).isEqualTo("1.02");
        assertThat(Units.number(12.345)).isEqualTo("12.3");
        assertThat(Units.number(123.4)).isEqualTo("123");
        assertThat(Units.number(1.5)).isEqualTo("1.5");
        assertThat(Units.number(2)).isEqualTo("2");
        assertThat(Units.number(0.98)).isEqualTo("0.98");
        assertThat(Units.number(-0.0456)).isEqualTo("-0.0456");
    }

    @Test
    void tinyNumbersNeverTakeAnExponent() {
        assertThat(Units.number(0.000123456)).isEqualTo("0.000123");
        assertThat(Units.number(1.23e-5)).isEqualTo("0.0000123");
        assertThat(Units.number(4.2e-12)).isEqualTo("0.0000000000042");
    }

    @Test
    void largeNumbersKeepTheirIntegerDigitsGroupedByThousands() {
        assertThat(Units.number(999.4)).isEqualTo("999");
        assertThat(Units.number(999.6)).as("rounds up to four digits: a whole number").isEqualTo("1,000");
        assertThat(Units.number(1234.5)).isEqualTo("1,234");
        assertThat(Units.number(12345)).isEqualTo("12,345");
        assertThat(Units.number(1.23456789e9)).isEqualTo("1,234,567,890");
        assertThat(Units.number(-12345)).isEqualTo("-12,345");
    }

    @Test
    void zeroNanAndTheInfinitiesHaveAWordNotAnException() {
        assertThat(Units.number(0)).isEqualTo("0");
        assertThat(Units.number(-0.0)).isEqualTo("0");
        assertThat(Units.number(Double.NaN)).isEqualTo("n/a");
        assertThat(Units.number(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(Units.number(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(Units.nanos(Double.NaN)).isEqualTo("n/a ns");
    }

    @Test
    void durationsPickTheirUnit() {
        assertThat(Units.nanos(12.4)).isEqualTo("12.4 ns");
        assertThat(Units.nanos(4_321)).isEqualTo("4.32 us");
        assertThat(Units.nanos(120_400)).isEqualTo("120 us");
        assertThat(Units.nanos(999_700)).as("999.7 us rounds to 1,000 us: the next unit").isEqualTo("1 ms");
        assertThat(Units.nanos(35_240_000)).isEqualTo("35.2 ms");
        assertThat(Units.nanos(1_204_000_000)).isEqualTo("1.2 s");
        assertThat(Units.nanos(3_600e9)).as("seconds do not grow a unit").isEqualTo("3,600 s");
        assertThat(Units.nanos(-1_500)).as("a negative difference").isEqualTo("-1.5 us");
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
