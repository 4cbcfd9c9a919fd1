package dev.gillab.lock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The lock's event trace replayed into what each thread was doing, and when: the one reading of
 * the trace, which the Chrome/Perfetto export ({@link Trace#writeChromeTrace}) and the timeline
 * picture ({@code dev.gillab.report.TimelineModel}) both draw.
 *
 * <h2>From events to spans</h2>
 *
 * The events are taken in time order (ties by recording order). Every event of a thread closes
 * its open span and opens the next:
 * <ul>
 *   <li>{@code REQUEST} opens {@link Phase#WAITING} (the thread asked for the lock);</li>
 *   <li>{@code ACQUIRED} opens {@link Phase#HOLDING} (it runs interpreted code);</li>
 *   <li>{@code RELEASED}, voluntary, opens {@link Phase#RELEASED}: native code, a blocking call
 *       or I/O, running in parallel with the holder, until the thread asks for the lock again;</li>
 *   <li>{@code RELEASED}, forced, opens {@link Phase#DROPPED}: the thread was made to drop the
 *       lock and waits for another thread to take it before it asks again;</li>
 *   <li>{@code RELEASED}, final, closes the track: the thread left the interpreter.</li>
 * </ul>
 * An event that opens the phase already open continues it. A span of no length (the wait of an
 * uncontended take, whose request and acquisition share one clock reading) is left out, so the
 * spans of a track never overlap and never touch at a point. {@code BLOCKING_BEGIN} and
 * {@code BLOCKING_END} mark a blocking span, which lies inside a released one. A
 * {@code DROP_REQUEST} is a mark on the track of the holder it was posted on (the poster is
 * waiting, which its own track shows); {@code GIL_ENABLED} is a mark on the track of the thread
 * whose import brought the lock back.
 *
 * <h2>A window that starts mid-run</h2>
 *
 * The trace is a ring buffer: after an overflow it keeps only the newest events, and each
 * thread's story starts in the middle. The kept window has no gap, so a thread's first kept
 * event tells what it was doing from the window's start until then: before an {@code ACQUIRED}
 * or a {@code DROP_REQUEST} it posted, it was waiting; before a {@code RELEASED}, holding;
 * before a {@code BLOCKING_*}, released. Before a {@code REQUEST} it may have been released,
 * dropped or not yet attached, so its track starts at the request.
 *
 * <h2>The end</h2>
 *
 * A span still open at the last event (a snapshot taken mid-run, or a thread that never
 * detached) is closed at the last event's time and marked unfinished: what is known, no more.
 *
 * @param startNanos the window's start: the first kept event, nanoseconds since the interpreter started
 * @param endNanos   the window's end: the last kept event
 * @param events     how many events were replayed
 * @param tracks     one per thread, in the order the threads first appear in the window
 */
public record TraceReplay(long startNanos, long endNanos, int events, List<Track> tracks) {

    /** What a thread was doing. */
    public enum Phase {
        /** It asked for the lock and does not have it yet. */
        WAITING,
        /** It holds the lock: interpreted code. */
        HOLDING,
        /** It gave the lock up by itself: native code, a blocking call, I/O. */
        RELEASED,
        /** It was made to give the lock up and waits for another thread to take it. */
        DROPPED
    }

    /**
     * {@code phase} from {@code startNanos} to {@code endNanos}; unfinished when it was still open
     * at the window's end.
     */
    public record Span(Phase phase, long startNanos, long endNanos, boolean unfinished) {

        public Span {
            Objects.requireNonNull(phase, "phase");
            if (endNanos < startNanos) {
                throw new IllegalArgumentException("span ends (" + endNanos + ") before it starts ("
                        + startNanos + ")");
            }
        }

        public long nanos() {
            return endNanos - startNanos;
        }
    }

    /**
     * A point on a track: a drop request posted on the thread by {@code from} ({@code kind}
     * {@link TraceEvent.Kind#DROP_REQUEST}), or the lock coming back because the thread, also
     * {@code from}, imported an undeclared extension ({@link TraceEvent.Kind#GIL_ENABLED}).
     */
    public record Mark(TraceEvent.Kind kind, long atNanos, String from) {
    }

    /**
     * One thread: its phases, its blocking calls and its marks, each oldest first.
     *
     * @param threadId the thread ({@link Thread#threadId()})
     * @param name     its name
     * @param spans    what it was doing, one span after another, never overlapping
     * @param blocking its blocking calls, each inside a released span
     * @param marks    drop requests posted on it, and the lock coming back
     */
    public record Track(long threadId, String name, List<Span> spans, List<Span> blocking, List<Mark> marks) {

        public Track {
            spans = List.copyOf(spans);
            blocking = List.copyOf(blocking);
            marks = List.copyOf(marks);
        }
    }

    public TraceReplay {
        tracks = List.copyOf(tracks);
    }

    /** Replays a trace's kept events ({@link Trace#events()}), in any order. */
    public static TraceReplay of(List<TraceEvent> events) {
        if (events.isEmpty()) {
            return new TraceReplay(0, 0, 0, List.of());
        }
        List<TraceEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(TraceEvent::nanos).thenComparingLong(TraceEvent::sequence));
        long start = sorted.getFirst().nanos();
        long end = sorted.getLast().nanos();

        Map<Long, Replaying> threads = new LinkedHashMap<>();
        for (TraceEvent e : sorted) {
            long at = e.nanos();
            Replaying t = threads.computeIfAbsent(e.threadId(), id -> new Replaying(id, e.threadName()));
            if (!t.seen) {
                t.seen = true;
                Phase before = phaseBefore(e.kind());
                if (before != null) {
                    t.enter(before, start);
                }
            }
            switch (e.kind()) {
                case REQUEST -> t.enter(Phase.WAITING, at);
                case ACQUIRED -> t.enter(Phase.HOLDING, at);
                case RELEASED -> t.enter(switch (e.drop()) {
                    case VOLUNTARY -> Phase.RELEASED;
                    case FORCED -> Phase.DROPPED;
                    case FINAL -> null;
                }, at);
                case BLOCKING_BEGIN -> t.blockingSince = at;
                case BLOCKING_END -> t.endBlocking(at, false);
                case DROP_REQUEST -> threads.computeIfAbsent(e.peerId(), id -> new Replaying(id, e.peerName()))
                        .marks.add(new Mark(e.kind(), at, e.threadName()));
                case GIL_ENABLED -> t.marks.add(new Mark(e.kind(), at, e.threadName()));
            }
        }
        List<Track> tracks = new ArrayList<>(threads.size());
        for (Replaying t : threads.values()) {
            t.endBlocking(end, true);
            t.close(end);
            tracks.add(new Track(t.id, t.name, t.spans, t.blocking, t.marks));
        }
        return new TraceReplay(start, end, events.size(), tracks);
    }

    /** What a thread whose first kept event is of this kind was doing before it; null: unknown. */
    private static Phase phaseBefore(TraceEvent.Kind kind) {
        return switch (kind) {
            case ACQUIRED, DROP_REQUEST -> Phase.WAITING;
            case RELEASED -> Phase.HOLDING;
            case BLOCKING_BEGIN, BLOCKING_END -> Phase.RELEASED;
            case REQUEST, GIL_ENABLED -> null;
        };
    }

    /** A thread while its events are replayed: the open span, and what has been closed. */
    private static final class Replaying {
        final long id;
        final String name;
        final List<Span> spans = new ArrayList<>();
        final List<Span> blocking = new ArrayList<>();
        final List<Mark> marks = new ArrayList<>();
        boolean seen;
        Phase phase;
        long since;
        long blockingSince = -1;

        Replaying(long id, String name) {
            this.id = id;
            this.name = name;
        }

        /** Closes the open span at {@code at} and opens {@code next} (null: none); the open phase continues. */
        void enter(Phase next, long at) {
            if (next != null && next == phase) {
                return;
            }
            if (phase != null && at > since) {
                spans.add(new Span(phase, since, at, false));
            }
            phase = next;
            since = at;
        }

        /** Closes the open span, if any, at the window's end, as unfinished. */
        void close(long end) {
            if (phase != null && end > since) {
                spans.add(new Span(phase, since, end, true));
            }
            phase = null;
        }

        /** Closes the open blocking span, if there is one; one whose begin the window lost is left out. */
        void endBlocking(long at, boolean unfinished) {
            if (blockingSince >= 0 && at > blockingSince) {
                blocking.add(new Span(Phase.RELEASED, blockingSince, at, unfinished));
            }
            blockingSince = -1;
        }
    }
}
