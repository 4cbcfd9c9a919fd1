package dev.gillab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A cancellation counts the work finished after its request, and only that. */
class CancellationTest {

    @Test
    void workAfterTheRequestIsCountedApartFromWorkBefore() {
        Cancellation c = new Cancellation();
        c.progress(5);
        assertThat(c.requested()).isFalse();
        c.request();
        c.progress(3);
        c.stopped();
        assertThat(c.requested()).isTrue();
        assertThat(c.done()).isEqualTo(8);
        assertThat(c.doneAfterRequest()).isEqualTo(3);
        assertThat(c.latencyNanos()).isNotNegative();
    }

    @Test
    void aCancellationRequestedBeforehandHasSeenNoWork() {
        Cancellation c = Cancellation.alreadyRequested();
        assertThat(c.requested()).isTrue();
        assertThat(c.doneAfterRequest()).isZero();
    }
}
