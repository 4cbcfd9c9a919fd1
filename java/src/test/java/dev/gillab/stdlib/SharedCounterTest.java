package dev.gillab.stdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What is missing from the final value was overwritten: lost updates, counted and as a share. */
class SharedCounterTest {

    @Test
    void aStoreOverwritesTheIncrementsMadeSinceItsLoad() {
        SharedCounter counter = new SharedCounter();
        long first = counter.load();
        counter.store(counter.load() + 1);
        counter.store(counter.load() + 1);
        counter.store(first + 1); // the thread that loaded 0 first stores last

        assertThat(counter.load()).isEqualTo(1);
        assertThat(counter.lost(3)).isEqualTo(2);
        assertThat(counter.lostShare(3)).isEqualTo(2.0 / 3);
    }

    @Test
    void nothingLostIsAShareOfZeroAndNoIncrementsIsNoShare() {
        SharedCounter counter = new SharedCounter();
        for (int i = 0; i < 4; i++) {
            counter.store(counter.load() + 1);
        }

        assertThat(counter.lostShare(4)).isZero();
        assertThatThrownBy(() -> counter.lostShare(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
