package dev.gillab.report;

import static dev.gillab.lock.TraceEvents.A;
import static dev.gillab.lock.TraceEvents.B;
import static dev.gillab.report.TimelineModel.State.HOLDING;
import static dev.gillab.report.TimelineModel.State.RELEASED;
import static dev.gillab.report.TimelineModel.State.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.Trace;
import dev.gillab.lock.TraceEvent.Kind;
import dev.gillab.lock.TraceEvent;
import dev.gillab.lock.TraceEvents;
import dev.gillab.report.TimelineModel.DropMark;
import dev.gillab.report.TimelineModel.Interval;
import dev.gillab.report.TimelineModel.ThreadRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Intervals from lock events: the replay's phases as the picture's three states (how events become
 * phases is {@code TraceReplayTest}'s), coarsening for a picture, a real truncated trace.
 */
class TimelineModelTest {

    @Test
    void eachEventClosesItsThreadsIntervalAndOpensTheNext() {
        TimelineModel model = TimelineModel.of(TraceEvents.handOff(), 0);

        assertThat(model.startNanos()).isZero();
        assertThat(model.endNanos()).isEqualTo(230);
        assertThat(model.events()).isEqualTo(15);
        assertThat(model.rows()).extracting(ThreadRow::name).as("rows in thread-id order").containsExactly("A", "B");
        assertThat(row(model, "A").intervals()).as("A; a forced drop waits until the next acquisition").containsExactly(
                new Interval(WAITING, 0, 10), new Interval(HOLDING, 10, 60),
                new Interval(WAITING, 60, 105), new Interval(HOLDING, 105, 200));
        assertThat(row(model, "B").intervals()).as("B; the blocking call lies inside the released interval")
                .containsExactly(
                new Interval(WAITING, 20, 70), new Interval(HOLDING, 70, 100), new Interval(RELEASED, 100, 160),
                new Interval(WAITING, 160, 210), new Interval(HOLDING, 210, 230));
        assertThat(row(model, "A").drops()).as("the drop request is marked on the holder's row")
                .containsExactly(new DropMark(50, "B"));
        assertThat(row(model, "B").drops()).isEmpty();
    }

    @Test
    void intervalsStillOpenAtTheLastEventAreClosedThereAndZeroLengthOnesAreLeftOut() {
        List<TraceEvent> events = new TraceEvents()
                .add(5, Kind.REQUEST, A)
                .add(5, Kind.ACQUIRED, A)
                .add(40, Kind.REQUEST, B)
                .list();

        TimelineModel model = TimelineModel.of(events, 0);

        assertThat(row(model, "A").intervals()).containsExactly(new Interval(HOLDING, 5, 40));
        assertThat(row(model, "B").intervals()).as("B's wait has no length yet").isEmpty();
    }

    @Test
    void noEventsMakeAnEmptyModel() {
        TimelineModel model = TimelineModel.of(List.of(), 0);

        assertThat(model.rows()).isEmpty();
        assertThat(model.spanNanos()).isZero();
    }

    @Test
    void coarseningMergesRunsOfShortIntervalsIntoTheirDominantStateAndJoinsEqualNeighbours() {
        ThreadRow row = new ThreadRow(A, "A", List.of(
                new Interval(HOLDING, 0, 4), new Interval(WAITING, 4, 5), new Interval(HOLDING, 5, 6),
                new Interval(HOLDING, 6, 100),
                new Interval(WAITING, 100, 103), new Interval(RELEASED, 103, 104), new Interval(WAITING, 104, 110),
                new Interval(RELEASED, 110, 111),
                new Interval(HOLDING, 200, 201)),
                List.of(new DropMark(0, "B"), new DropMark(3, "B"), new DropMark(12, "B"), new DropMark(13, "B")));
        TimelineModel model = new TimelineModel(0, 201, 20, 0, List.of(row));

        ThreadRow coarse = model.coarsened(10).rows().getFirst();

        assertThat(coarse.intervals()).containsExactly(
                new Interval(HOLDING, 0, 100),   // a short run, mostly holding, joined to the long holding after it
                new Interval(WAITING, 100, 110), // a run that reached 10 ns
                new Interval(RELEASED, 110, 111), // a short one alone before a gap
                new Interval(HOLDING, 200, 201));
        assertThat(coarse.drops()).extracting(DropMark::atNanos).containsExactly(0L, 12L);
        assertThat(model.coarsened(1)).as("one nanosecond changes nothing").isSameAs(model);
    }

    @Test
    void theModelOfARealTruncatedTraceNeverShowsTwoHoldersAtOnce() {
        Interpreter interpreter = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH)
                .withSwitchIntervalMicros(100).withTrace(256));
        var kernels = KernelsUnderLock.interpreted(interpreter);
        // Run until the 256-event ring has overflowed (a fixed amount of work may not get there
        // on a loaded machine, where one thread can finish before the other is scheduled).
        long deadline = System.nanoTime() + 20_000_000_000L;
        ThreadedRun.run(interpreter, 2, "worker", i -> {
            while (interpreter.trace().dropped() == 0 && System.nanoTime() < deadline) {
                kernels.countdown(1_000_000);
            }
        });
        Trace trace = interpreter.trace();

        TimelineModel model = TimelineModel.of(trace.events(), trace.dropped());

        assertThat(model.droppedEvents()).as("the ring overflowed, so the window starts mid-run").isPositive();
        List<Interval> holding = new ArrayList<>();
        for (ThreadRow r : model.rows()) {
            long previousEnd = model.startNanos();
            for (Interval i : r.intervals()) {
                assertThat(i.startNanos()).as("%s: intervals in order, inside the window", r.name())
                        .isGreaterThanOrEqualTo(previousEnd);
                assertThat(i.endNanos()).isLessThanOrEqualTo(model.endNanos());
                previousEnd = i.endNanos();
                if (i.state() == HOLDING) {
                    holding.add(i);
                }
            }
        }
        holding.sort((x, y) -> Long.compare(x.startNanos(), y.startNanos()));
        for (int k = 1; k < holding.size(); k++) {
            assertThat(holding.get(k).startNanos()).as("holding %s overlaps %s", holding.get(k), holding.get(k - 1))
                    .isGreaterThanOrEqualTo(holding.get(k - 1).endNanos());
        }
        assertThat(holding).as("both threads held the lock inside the window").hasSizeGreaterThan(2);
    }

    private static ThreadRow row(TimelineModel model, String name) {
        return model.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
