package dev.gillab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which scaling lines count as native code run with the lock released. */
class SpeedupTest {

    private static Speedup line(String binding, String lock) {
        return new Speedup("call binding=" + binding + " lock=" + lock, Map.of("binding", binding, "lock", lock), 2,
                1.9);
    }

    @Test
    void everyNativeBindingReleasedCounts() {
        for (String binding : new String[] {"jna", "jna-direct", "javacpp", "ffm"}) {
            assertThat(line(binding, "release").nativeReleased()).as(binding + ", released").isTrue();
        }
    }

    @Test
    void pureJavaAndHeldLinesDoNot() {
        assertThat(line("java-locked", "release").nativeReleased()).as("Java run released").isFalse();
        assertThat(line("java-free", "release").nativeReleased()).as("free-threaded Java").isFalse();
        assertThat(line("javacpp", "hold").nativeReleased()).as("native code holding the lock").isFalse();
    }
}
