package dev.gillab.lock;

import dev.gillab.lock.TraceEvent.Kind;
import java.util.ArrayList;
import java.util.List;

/** Lock events written by hand, in order, for the tests of what reads a trace: threads A (id 11) and B (id 12). */
public final class TraceEvents {

    public static final long A = 11;
    public static final long B = 12;

    private final List<TraceEvent> list = new ArrayList<>();

    /**
     * A holds, B asks and posts a drop request, A is forced to drop and asks again, B holds then
     * releases voluntarily around a blocking call, A holds and leaves, B takes the lock and leaves.
     */
    public static List<TraceEvent> handOff() {
        return new TraceEvents()
                .add(0, Kind.REQUEST, A)
                .add(10, Kind.ACQUIRED, A)
                .add(20, Kind.REQUEST, B)
                .dropRequest(50, B, A)
                .released(60, A, DropKind.FORCED)
                .add(70, Kind.ACQUIRED, B)
                .add(75, Kind.REQUEST, A)
                .released(100, B, DropKind.VOLUNTARY)
                .add(105, Kind.ACQUIRED, A)
                .add(110, Kind.BLOCKING_BEGIN, B)
                .add(150, Kind.BLOCKING_END, B)
                .add(160, Kind.REQUEST, B)
                .released(200, A, DropKind.FINAL)
                .add(210, Kind.ACQUIRED, B)
                .released(230, B, DropKind.FINAL)
                .list();
    }

    /** An event of {@code kind} by {@code thread}, other than a release or a drop request. */
    public TraceEvents add(long nanos, Kind kind, long thread) {
        list.add(new TraceEvent(list.size(), nanos, kind, thread, name(thread), null, 0, null));
        return this;
    }

    public TraceEvents released(long nanos, long thread, DropKind how) {
        list.add(new TraceEvent(list.size(), nanos, Kind.RELEASED, thread, name(thread), how, 0, null));
        return this;
    }

    public TraceEvents dropRequest(long nanos, long poster, long holder) {
        list.add(new TraceEvent(list.size(), nanos, Kind.DROP_REQUEST, poster, name(poster), null, holder,
                name(holder)));
        return this;
    }

    public List<TraceEvent> list() {
        return List.copyOf(list);
    }

    private static String name(long thread) {
        return thread == A ? "A" : "B";
    }
}
