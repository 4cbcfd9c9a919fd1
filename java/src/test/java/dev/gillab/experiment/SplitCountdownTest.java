package dev.gillab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import org.junit.jupiter.api.Test;

class SplitCountdownTest {

    /** Under the ticks lock every hundred polls is one forced drop: the drops count the iterations actually run. */
    @Test
    void theThreadsShareTheIterationsEvenly() {
        Interpreter interpreter = Interpreter.create(LockMode.TICKS);
        Measurement m = SplitCountdown.run(interpreter, 4, 1_000_000);

        assertThat(m.threads()).isEqualTo(4);
        assertThat(m.stats().total().forcedDrops()).as("forced drops, one per check interval of polls")
                .isEqualTo(1_000_000 / InterpreterConfig.DEFAULT_CHECK_INTERVAL);
    }

    @Test
    void refusesAnEmptySplit() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);

        assertThatThrownBy(() -> SplitCountdown.run(interpreter, 0, 1_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SplitCountdown.run(interpreter, 4, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
