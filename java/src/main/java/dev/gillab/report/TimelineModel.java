package dev.gillab.report;

import dev.gillab.lock.DropKind;
import dev.gillab.lock.TraceEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The lock's trace as a picture's worth of geometry: one row per thread, each a sequence of
 * intervals in which the thread was holding the lock, waiting for it, or running with it
 * released, plus the drop requests posted on it. {@link TimelineSvg} only draws this.
 *
 * <h2>From events to intervals</h2>
 *
 * Every event closes its thread's open interval and opens the next:
 * <ul>
 *   <li>{@code REQUEST} opens <em>waiting</em> (the thread asked for the lock);</li>
 *   <li>{@code ACQUIRED} opens <em>holding</em> (it runs interpreted code);</li>
 *   <li>{@code RELEASED}, voluntary, opens <em>released</em>: native code, a blocking call or
 *       I/O, running in parallel with the holder, until the thread asks for the lock again;</li>
 *   <li>{@code RELEASED}, forced, opens <em>waiting</em>: a thread made to drop the lock waits
 *       for another thread to take it and then asks again at once, so from the drop to its next
 *       acquisition it wants the lock and does not have it (the {@code REQUEST} in between
 *       continues the same interval);</li>
 *   <li>{@code RELEASED}, final, closes the row: the thread left the interpreter;</li>
 *   <li>{@code DROP_REQUEST} is a mark on the row of the holder it was posted on (the poster
 *       is waiting, which its row already shows);</li>
 *   <li>{@code BLOCKING_BEGIN} and {@code BLOCKING_END} happen inside a released interval and
 *       change nothing.</li>
 * </ul>
 * Zero-length intervals are left out, and an interval that continues the state of the one
 * before it extends it.
 *
 * <h2>A window that starts mid-run</h2>
 *
 * The trace is a ring buffer: after an overflow it holds only the newest events, and each
 * thread's story starts in the middle. The kept window has no gap, so a thread's first kept
 * event tells what it was doing from the window's start until then: before an
 * {@code ACQUIRED} or a {@code DROP_REQUEST} it posted, it was waiting; before a
 * {@code RELEASED}, holding; before a {@code BLOCKING_*}, released. Before a {@code REQUEST}
 * it may have been released, dropped or not yet attached, so its row starts at the request.
 *
 * <h2>The end</h2>
 *
 * An interval still open at the last event (a snapshot taken mid-run, or a thread that never
 * detached) is closed at the last event's time: the picture shows what is known.
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
                throw new IllegalArgumentException("interval ends (" + endNanos + ") before it starts (" + startNanos + ")");
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

    /** The model of a trace's kept events ({@code Trace.events()}); {@code droppedEvents} as {@code Trace.dropped()}. */
    public static TimelineModel of(List<TraceEvent> events, long droppedEvents) {
        if (events.isEmpty()) {
            return new TimelineModel(0, 0, 0, droppedEvents, List.of());
        }
        List<TraceEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(TraceEvent::nanos).thenComparingLong(TraceEvent::sequence));
        long start = sorted.getFirst().nanos();
        long end = sorted.getLast().nanos();

        Map<Long, Track> tracks = new LinkedHashMap<>();
        for (TraceEvent e : sorted) {
            long at = e.nanos();
            Track t = tracks.computeIfAbsent(e.threadId(), id -> new Track(id, e.threadName()));
            if (!t.seen) {
                t.seen = true;
                State before = stateBefore(e.kind());
                if (before != null) {
                    t.enter(before, start);
                }
            }
            switch (e.kind()) {
                case REQUEST -> t.enter(State.WAITING, at);
                case ACQUIRED -> t.enter(State.HOLDING, at);
                case RELEASED -> t.enter(e.drop() == DropKind.FINAL ? null
                        : e.drop() == DropKind.FORCED ? State.WAITING : State.RELEASED, at);
                case DROP_REQUEST -> tracks.computeIfAbsent(e.peerId(), id -> new Track(id, e.peerName()))
                        .drops.add(new DropMark(at, e.threadName()));
                case BLOCKING_BEGIN, BLOCKING_END, GIL_ENABLED -> { }
            }
        }
        List<ThreadRow> rows = new ArrayList<>();
        for (Track t : tracks.values()) {
            t.enter(null, end);
            rows.add(new ThreadRow(t.id, t.name, t.intervals, t.drops));
        }
        rows.sort(Comparator.comparingLong(ThreadRow::threadId));
        return new TimelineModel(start, end, events.size(), droppedEvents, rows);
    }

    /** What a thread whose first kept event is of this kind was doing before it; null: unknown. */
    private static State stateBefore(TraceEvent.Kind kind) {
        return switch (kind) {
            case ACQUIRED, DROP_REQUEST -> State.WAITING;
            case RELEASED -> State.HOLDING;
            case BLOCKING_BEGIN, BLOCKING_END -> State.RELEASED;
            case REQUEST, GIL_ENABLED -> null;
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

    /** A thread's open interval while the events are replayed. */
    private static final class Track {
        final long id;
        final String name;
        final List<Interval> intervals = new ArrayList<>();
        final List<DropMark> drops = new ArrayList<>();
        boolean seen;
        State state;
        long since;

        Track(long id, String name) {
            this.id = id;
            this.name = name;
        }

        /** Closes the open interval at {@code at} and opens {@code next} (null: none); a repeated state continues. */
        void enter(State next, long at) {
            if (next != null && next == state) {
                return;
            }
            if (state != null && at > since) {
                intervals.add(new Interval(state, since, at));
            }
            state = next;
            since = at;
        }
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
