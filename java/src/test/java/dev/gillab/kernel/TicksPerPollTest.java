package dev.gillab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TicksPerPollTest {

    @Test
    void everyTickPollsEveryKernelAtEveryTick() {
        assertThat(TicksPerPoll.EVERY_TICK).as("the default").isEqualTo(new TicksPerPoll(1, 1, 1, 1, 1, 1, 1));
    }

    @Test
    void uniformGivesEveryKernelTheSameValue() {
        assertThat(TicksPerPoll.uniform(100)).as("uniform(100)")
                .isEqualTo(new TicksPerPoll(100, 100, 100, 100, 100, 100, 100));
    }

    @ParameterizedTest(name = "component {0} set to 0")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void rejectsZeroTicksPerPollNamingTheKernel(int component) {
        int[] values = {1, 1, 1, 1, 1, 1, 1};
        values[component] = 0;
        String kernel = TicksPerPoll.class.getRecordComponents()[component].getName();
        assertThatThrownBy(() -> new TicksPerPoll(values[0], values[1], values[2], values[3], values[4], values[5],
                values[6]))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(kernel + " ticks per poll must be in 1..2147483647, was 0");
    }

    @Test
    void rejectsANegativeUniformValue() {
        assertThatThrownBy(() -> TicksPerPoll.uniform(-5))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("countdown ticks per poll must be in 1..");
    }
}
