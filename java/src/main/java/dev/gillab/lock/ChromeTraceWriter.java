package dev.gillab.lock;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns lock events into the Chrome Trace Event Format (the JSON that chrome://tracing and
 * ui.perfetto.dev open): one process, one track per simulated thread.
 *
 * <p>Each track is a sequence of complete ({@code "ph":"X"}) slices following the thread's
 * state: {@code waiting} (asked for the lock), {@code holding} (running interpreted code),
 * {@code released} (running native code or blocked, lock given up voluntarily),
 * {@code dropped} (forced to drop, waiting for another thread to take over), with
 * {@code blocking} slices nested inside {@code released} ones. Complete slices are matched by
 * construction, so a truncated ring buffer cannot leave a dangling begin or end: a track simply
 * starts at its first kept event, and a slice still open at the end of the trace is closed at
 * the last event's time with {@code "unfinished": true}. Drop requests are instant events
 * ({@code "ph":"i"}) on the track of the holder they were sent to.
 *
 * <p>Times ({@code ts}, {@code dur}) are microseconds with nanosecond decimals, as the format
 * requires; {@code displayTimeUnit} is {@code "ns"}.
 */
final class ChromeTraceWriter {

    private static final int PID = 1;

    private ChromeTraceWriter() {
    }

    private record Slice(long tid, String name, long start, long end, String drop, boolean unfinished) {
    }

    private record Instant(long tid, String name, long at, String from) {
    }

    /** One thread's open slices while replaying its events. */
    private static final class Track {
        final long tid;
        final String name;
        String state;
        long since;
        String drop;
        long blockingSince = -1;

        Track(long tid, String name) {
            this.tid = tid;
            this.name = name;
        }
    }

    static void write(List<TraceEvent> events, String processName, long dropped, OutputStream out)
            throws IOException {
        List<TraceEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(TraceEvent::nanos).thenComparingLong(TraceEvent::sequence));

        Map<Long, Track> tracks = new LinkedHashMap<>();
        List<Slice> slices = new ArrayList<>();
        List<Instant> instants = new ArrayList<>();
        long last = 0;
        for (TraceEvent e : sorted) {
            last = e.nanos();
            Track t = tracks.computeIfAbsent(e.threadId(), id -> new Track(id, e.threadName()));
            switch (e.kind()) {
                case REQUEST -> enter(t, "waiting", null, e.nanos(), slices);
                case ACQUIRED -> enter(t, "holding", null, e.nanos(), slices);
                case RELEASED -> {
                    String drop = e.drop().name().toLowerCase();
                    if (e.drop() == DropKind.FINAL) {
                        enter(t, null, null, e.nanos(), slices);
                    } else {
                        enter(t, e.drop() == DropKind.FORCED ? "dropped" : "released", drop, e.nanos(), slices);
                    }
                }
                case BLOCKING_BEGIN -> t.blockingSince = e.nanos();
                case BLOCKING_END -> {
                    if (t.blockingSince >= 0) {
                        slices.add(new Slice(t.tid, "blocking", t.blockingSince, e.nanos(), null, false));
                        t.blockingSince = -1;
                    }
                }
                case DROP_REQUEST -> {
                    tracks.computeIfAbsent(e.peerId(), id -> new Track(id, e.peerName()));
                    instants.add(new Instant(e.peerId(), "drop request", e.nanos(), e.threadName()));
                }
                case GIL_ENABLED -> instants.add(new Instant(e.threadId(), "lock enabled", e.nanos(), e.threadName()));
            }
        }
        for (Track t : tracks.values()) {
            if (t.blockingSince >= 0) {
                slices.add(new Slice(t.tid, "blocking", t.blockingSince, last, null, true));
            }
            if (t.state != null) {
                slices.add(new Slice(t.tid, t.state, t.since, last, t.drop, true));
            }
        }
        // Parents before children: by start, then longest first.
        slices.sort(Comparator.comparingLong(Slice::start).thenComparing(s -> -(s.end() - s.start())));

        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("displayTimeUnit", "ns");
            g.writeObjectFieldStart("otherData");
            g.writeStringField("generator", "gillab interpreter lock");
            g.writeStringField("process", processName);
            g.writeNumberField("droppedEvents", dropped);
            g.writeEndObject();
            g.writeArrayFieldStart("traceEvents");
            metadata(g, "process_name", 0, "name", processName);
            int index = 0;
            for (Track t : tracks.values()) {
                metadata(g, "thread_name", t.tid, "name", t.name);
                g.writeStartObject();
                g.writeStringField("ph", "M");
                g.writeStringField("name", "thread_sort_index");
                g.writeNumberField("pid", PID);
                g.writeNumberField("tid", t.tid);
                g.writeObjectFieldStart("args");
                g.writeNumberField("sort_index", index++);
                g.writeEndObject();
                g.writeEndObject();
            }
            for (Slice s : slices) {
                g.writeStartObject();
                g.writeStringField("ph", "X");
                g.writeStringField("name", s.name());
                g.writeStringField("cat", "lock");
                g.writeNumberField("pid", PID);
                g.writeNumberField("tid", s.tid());
                g.writeNumberField("ts", micros(s.start()));
                g.writeNumberField("dur", micros(s.end() - s.start()));
                if (s.drop() != null || s.unfinished()) {
                    g.writeObjectFieldStart("args");
                    if (s.drop() != null) {
                        g.writeStringField("drop", s.drop());
                    }
                    if (s.unfinished()) {
                        g.writeBooleanField("unfinished", true);
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            for (Instant i : instants) {
                g.writeStartObject();
                g.writeStringField("ph", "i");
                g.writeStringField("s", "t");
                g.writeStringField("name", i.name());
                g.writeStringField("cat", "lock");
                g.writeNumberField("pid", PID);
                g.writeNumberField("tid", i.tid());
                g.writeNumberField("ts", micros(i.at()));
                g.writeObjectFieldStart("args");
                g.writeStringField("from", i.from());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** Closes the track's open slice at {@code now} and opens {@code state} (null: none). */
    private static void enter(Track t, String state, String drop, long now, List<Slice> slices) {
        if (t.state != null) {
            slices.add(new Slice(t.tid, t.state, t.since, now, t.drop, false));
        }
        t.state = state;
        t.drop = drop;
        t.since = now;
    }

    private static void metadata(JsonGenerator g, String name, long tid, String key, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", "M");
        g.writeStringField("name", name);
        g.writeNumberField("pid", PID);
        g.writeNumberField("tid", tid);
        g.writeObjectFieldStart("args");
        g.writeStringField(key, value);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Nanoseconds as an exact decimal number of microseconds. */
    private static BigDecimal micros(long nanos) {
        return BigDecimal.valueOf(nanos, 3);
    }
}
