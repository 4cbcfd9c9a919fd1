package dev.gillab.report;

import dev.gillab.lock.TraceEvent;
import dev.gillab.lock.TraceReplay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The lock's trace as a picture's worth of geometry: one row per thread, each a sequence of
 * intervals in which the thread was holding the lock, waiting for it, or running with it
 * released, plus the drop requests posted on it. {@link TimelineSvg} only draws this.
 *
 * <p>The intervals are the spans of the trace's {@link TraceReplay}, which says how events become
 * spans, what a window that starts mid-run shows and how the end is closed. The picture has three
 * states where the replay has four phases: a thread forced to drop the lock waits for another
 * to take it and then asks again at once, so from the drop to its next acquisition it wants the
 * lock and does not have it, and its <em>dropped</em> span is drawn as waiting, one interval with
 * the request's waiting span that follows it. Blocking calls lie inside released intervals and
 * add nothing; the marks are the drop requests posted on the row's thread.
 *
 * @param startNanos    the window's start: the first kept event, nanoseconds since the interpreter started
 * @param endNanos      the window's end: the last kept event
 * @param events        how many kept events the model was built from
 * @param droppedEvents events the ring buffer overwrote before the window (0: the window is the whole run)
 * @param rows          one per thread, in order of thread id (the order the threads were created in)
 */
public record TimelineModel(long startNanos, long endNanos, int events, long droppedEvents, List<ThreadRow> rows) {

    /** What a thread was doing. */
    public enum State {
        HOLDING("holding the lock (interpreted code)"),
        WAITING("waiting for the lock"),
        RELEASED("lock released (native code, I/O)");

        private final String description;

        State(String description) {
            this.description = description;
        }

        /** For a legend. */
        public String description() {
            return description;
        }
    }

    /** {@code state} from {@code startNanos} to {@code endNanos}, nanoseconds since the interpreter started. */
    public record Interval(State state, long startNanos, long endNanos) {

        public Interval {
            Objects.requireNonNull(state, "state");
            if (endNanos < startNanos) {
                throw new IllegalArgumentException("interval ends (" + endNanos + ") before it starts ("
                        + startNanos + ")");
            }
        }

        public long nanos() {
            return endNanos - startNanos;
        }
    }

    /** A drop request posted on this row's thread at {@code atNanos} by the waiting thread {@code from}. */
    public record DropMark(long atNanos, String from) {
    }

    /** One thread: its intervals and the drop requests it received, oldest first. */
    public record ThreadRow(long threadId, String name, List<Interval> intervals, List<DropMark> drops) {

        public ThreadRow {
            intervals = List.copyOf(intervals);
            drops = List.copyOf(drops);
        }

        /** Nanoseconds spent in {@code state} within the window. */
        public long nanosIn(State state) {
            return intervals.stream().filter(i -> i.state() == state).mapToLong(Interval::nanos).sum();
        }
    }

    public TimelineModel {
        rows = List.copyOf(rows);
    }

    /** The window's length in nanoseconds. */
    public long spanNanos() {
        return endNanos - startNanos;
    }

    /**
     * The model of a trace's kept events ({@code Trace.events()}); {@code droppedEvents} as {@code Trace.dropped()}.
     */
    public static TimelineModel of(List<TraceEvent> events, long droppedEvents) {
        TraceReplay replay = TraceReplay.of(events);
        List<ThreadRow> rows = new ArrayList<>();
        for (TraceReplay.Track t : replay.tracks()) {
            IntervalList intervals = new IntervalList();
            for (TraceReplay.Span span : t.spans()) {
                intervals.add(new Interval(state(span.phase()), span.startNanos(), span.endNanos()));
            }
            List<DropMark> drops = t.marks().stream().filter(m -> m.kind() == TraceEvent.Kind.DROP_REQUEST)
                    .map(m -> new DropMark(m.atNanos(), m.from())).toList();
            rows.add(new ThreadRow(t.threadId(), t.name(), intervals.intervals, drops));
        }
        rows.sort(Comparator.comparingLong(ThreadRow::threadId));
        return new TimelineModel(replay.startNanos(), replay.endNanos(), replay.events(), droppedEvents, rows);
    }

    /** The picture's state of a phase: dropped is waiting. */
    private static State state(TraceReplay.Phase phase) {
        return switch (phase) {
            case WAITING, DROPPED -> State.WAITING;
            case HOLDING -> State.HOLDING;
            case RELEASED -> State.RELEASED;
        };
    }

    /**
     * This model with every row's short intervals merged so that none is shorter than
     * {@code minNanos} unless it stands alone between gaps, and drop marks closer than
     * {@code minNanos} to the previous kept one left out: what a picture with one pixel per
     * {@code minNanos} can show. A run of adjacent short intervals becomes one interval in the
     * state that took most of its time; long intervals stay as they are.
     */
    public TimelineModel coarsened(long minNanos) {
        if (minNanos <= 1) {
            return this;
        }
        List<ThreadRow> coarse = new ArrayList<>(rows.size());
        for (ThreadRow r : rows) {
            coarse.add(new ThreadRow(r.threadId(), r.name(), mergeShort(r.intervals(), minNanos),
                    thin(r.drops(), minNanos)));
        }
        return new TimelineModel(startNanos, endNanos, events, droppedEvents, coarse);
    }

    private static List<Interval> mergeShort(List<Interval> intervals, long minNanos) {
        IntervalList out = new IntervalList();
        ShortRun run = new ShortRun();
        for (Interval i : intervals) {
            if (!run.isEmpty() && i.startNanos() != run.end) {
                run.flushInto(out);
            }
            if (i.nanos() >= minNanos) {
                run.flushInto(out);
                out.add(i);
            } else {
                run.add(i);
                if (run.end - run.start >= minNanos) {
                    run.flushInto(out);
                }
            }
        }
        run.flushInto(out);
        return out.intervals;
    }

    private static List<DropMark> thin(List<DropMark> drops, long minNanos) {
        List<DropMark> kept = new ArrayList<>();
        for (DropMark d : drops) {
            if (kept.isEmpty() || d.atNanos() - kept.getLast().atNanos() >= minNanos) {
                kept.add(d);
            }
        }
        return kept;
    }

    /** Intervals in order, where one that continues the state of the last extends it. */
    private static final class IntervalList {
        final List<Interval> intervals = new ArrayList<>();

        void add(Interval i) {
            if (!intervals.isEmpty()) {
                Interval last = intervals.getLast();
                if (last.state() == i.state() && last.endNanos() == i.startNanos()) {
                    intervals.set(intervals.size() - 1, new Interval(i.state(), last.startNanos(), i.endNanos()));
                    return;
                }
            }
            intervals.add(i);
        }
    }

    /** Adjacent short intervals being merged, with the time spent in each state. */
    private static final class ShortRun {
        final Map<State, Long> nanos = new EnumMap<>(State.class);
        long start;
        long end;

        boolean isEmpty() {
            return nanos.isEmpty();
        }

        void add(Interval i) {
            if (isEmpty()) {
                start = i.startNanos();
            }
            end = i.endNanos();
            nanos.merge(i.state(), i.nanos(), Long::sum);
        }

        void flushInto(IntervalList out) {
            if (isEmpty()) {
                return;
            }
            State dominant = nanos.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            out.add(new Interval(dominant, start, end));
            nanos.clear();
        }
    }
}
