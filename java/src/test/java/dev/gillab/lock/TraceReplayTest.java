package dev.gillab.lock;

import static dev.gillab.lock.TraceEvents.A;
import static dev.gillab.lock.TraceEvents.B;
import static dev.gillab.lock.TraceReplay.Phase.DROPPED;
import static dev.gillab.lock.TraceReplay.Phase.HOLDING;
import static dev.gillab.lock.TraceReplay.Phase.RELEASED;
import static dev.gillab.lock.TraceReplay.Phase.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.lock.TraceEvent.Kind;
import dev.gillab.lock.TraceReplay.Mark;
import dev.gillab.lock.TraceReplay.Span;
import dev.gillab.lock.TraceReplay.Track;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one replay of the trace that the Chrome export and the timeline both draw: phases from
 * events, blocking spans, marks, a window that starts mid-run, an end that leaves spans open.
 */
class TraceReplayTest {

    @Test
    void eachEventClosesItsThreadsSpanAndOpensTheNextInItsPhase() {
        TraceReplay replay = TraceReplay.of(TraceEvents.handOff());

        assertThat(replay.startNanos()).isZero();
        assertThat(replay.endNanos()).isEqualTo(230);
        assertThat(replay.events()).isEqualTo(15);
        assertThat(replay.tracks()).extracting(Track::name).as("in order of first appearance")
                .containsExactly("A", "B");
        assertThat(track(replay, "A").spans()).as("a forced drop is its own phase, then the request's wait")
                .containsExactly(new Span(WAITING, 0, 10, false), new Span(HOLDING, 10, 60, false),
                        new Span(DROPPED, 60, 75, false), new Span(WAITING, 75, 105, false),
                        new Span(HOLDING, 105, 200, false));
        assertThat(track(replay, "B").spans()).as("B; the blocking call lies inside the released span")
                .containsExactly(new Span(WAITING, 20, 70, false), new Span(HOLDING, 70, 100, false),
                        new Span(RELEASED, 100, 160, false), new Span(WAITING, 160, 210, false),
                        new Span(HOLDING, 210, 230, false));
        assertThat(track(replay, "B").blocking()).containsExactly(new Span(RELEASED, 110, 150, false));
        assertThat(track(replay, "A").marks()).as("the drop request on the holder's track, from its poster")
                .containsExactly(new Mark(Kind.DROP_REQUEST, 50, "B"));
    }

    @Test
    void spansStillOpenAtTheEndAreClosedThereAsUnfinishedAndTheLockComingBackIsAMark() {
        List<TraceEvent> events = new TraceEvents()
                .add(5, Kind.REQUEST, A)
                .add(5, Kind.ACQUIRED, A)
                .add(20, Kind.GIL_ENABLED, A)
                .add(30, Kind.BLOCKING_BEGIN, B)
                .add(40, Kind.REQUEST, B)
                .list();

        TraceReplay replay = TraceReplay.of(events);

        assertThat(track(replay, "A").spans()).as("an uncontended take has no waiting span of no length")
                .containsExactly(new Span(HOLDING, 5, 40, true));
        assertThat(track(replay, "A").marks()).containsExactly(new Mark(Kind.GIL_ENABLED, 20, "A"));
        assertThat(track(replay, "B").blocking()).as("a blocking call still open at the end")
                .containsExactly(new Span(RELEASED, 30, 40, true));
        assertThat(track(replay, "B").spans()).as("released from the window's start; the wait has no length yet")
                .containsExactly(new Span(RELEASED, 5, 40, false));
    }

    @Test
    void theOrderOfTheListDoesNotMatterOnlyTimeAndSequence() {
        List<TraceEvent> reversed = new ArrayList<>(TraceEvents.handOff());
        Collections.reverse(reversed);

        assertThat(TraceReplay.of(reversed)).isEqualTo(TraceReplay.of(TraceEvents.handOff()));
    }

    @Test
    void aWindowThatStartsMidRunBeginsEachTrackWithThePhaseItsFirstEventImplies() {
        // the ring overwrote A's request and acquisition, and B's request
        List<TraceEvent> kept = TraceEvents.handOff().subList(3, 15);

        TraceReplay replay = TraceReplay.of(kept);

        assertThat(replay.startNanos()).isEqualTo(50);
        assertThat(track(replay, "A").spans()).as("A released at 60: it held from the window's start").startsWith(
                new Span(HOLDING, 50, 60, false), new Span(DROPPED, 60, 75, false));
        assertThat(track(replay, "B").spans()).as("B posted a drop request at 50: it was waiting").startsWith(
                new Span(WAITING, 50, 70, false));
    }

    @Test
    void aBlockingEndWhoseBeginTheWindowLostStartsReleasedAndAddsNoBlockingSpan() {
        List<TraceEvent> events = new TraceEvents()
                .add(100, Kind.REQUEST, A)
                .add(120, Kind.BLOCKING_END, B)
                .add(130, Kind.REQUEST, B)
                .add(140, Kind.ACQUIRED, A)
                .list();

        TraceReplay replay = TraceReplay.of(events);

        assertThat(track(replay, "B").spans()).containsExactly(new Span(RELEASED, 100, 130, false),
                new Span(WAITING, 130, 140, true));
        assertThat(track(replay, "B").blocking()).isEmpty();
        assertThat(track(replay, "A").spans()).as("a track that starts with a request starts there")
                .containsExactly(new Span(WAITING, 100, 140, false));
    }

    @Test
    void noEventsReplayToNothing() {
        assertThat(TraceReplay.of(List.of())).isEqualTo(new TraceReplay(0, 0, 0, List.of()));
    }

    private static Track track(TraceReplay replay, String name) {
        return replay.tracks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
