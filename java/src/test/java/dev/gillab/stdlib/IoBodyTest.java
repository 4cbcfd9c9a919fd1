package dev.gillab.stdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class IoBodyTest {

    @Test
    void runsTheBodyWithItsIndex() {
        int[] seen = {-1};
        IoBody.unchecked(i -> seen[0] = i).accept(7);
        assertThat(seen[0]).as("index passed to the body").isEqualTo(7);
    }

    @Test
    void anIoExceptionBecomesUnchecked() {
        IOException cause = new IOException("reset by peer");
        IntConsumer body = IoBody.unchecked(i -> {
            throw cause;
        });
        assertThatThrownBy(() -> body.accept(0)).isInstanceOf(UncheckedIOException.class).hasCause(cause);
    }

    @Test
    void anInterruptKeepsTheInterruptStatus() {
        IntConsumer body = IoBody.unchecked(i -> {
            throw new InterruptedException("stop");
        });
        try {
            assertThatThrownBy(() -> body.accept(0)).isInstanceOf(IllegalStateException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt status set again").isTrue();
        } finally {
            Thread.interrupted(); // clear it for the next test on this thread
        }
    }
}
