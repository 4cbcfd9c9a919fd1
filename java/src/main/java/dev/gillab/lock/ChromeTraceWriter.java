package dev.gillab.lock;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes lock events in the Chrome Trace Event Format (the JSON that chrome://tracing and
 * ui.perfetto.dev open): one process, one track per simulated thread, drawn from the
 * {@link TraceReplay} of the events.
 *
 * <p>Each track is a sequence of complete ({@code "ph":"X"}) slices, one per span of the replay,
 * named after its phase: {@code waiting}, {@code holding}, {@code released} (lock given up
 * voluntarily), {@code dropped} (forced to drop, waiting for another thread to take over), with
 * {@code blocking} slices nested inside {@code released} ones. Complete slices are matched by
 * construction, so a truncated ring buffer cannot leave a dangling begin or end; a slice still
 * open at the end of the trace carries {@code "unfinished": true}. Drop requests and the lock
 * coming back are instant events ({@code "ph":"i"}) on the track of the thread they concern.
 *
 * <p>Times ({@code ts}, {@code dur}) are microseconds with nanosecond decimals, as the format
 * requires; {@code displayTimeUnit} is {@code "ns"}.
 */
final class ChromeTraceWriter {

    private static final int PID = 1;

    private ChromeTraceWriter() {
    }

    private record Slice(long tid, String name, TraceReplay.Span span, String drop) {
    }

    private record Instant(long tid, TraceReplay.Mark mark) {
    }

    static void write(List<TraceEvent> events, String processName, long dropped, OutputStream out)
            throws IOException {
        TraceReplay replay = TraceReplay.of(events);
        List<Slice> slices = new ArrayList<>();
        List<Instant> instants = new ArrayList<>();
        for (TraceReplay.Track t : replay.tracks()) {
            for (TraceReplay.Span s : t.spans()) {
                slices.add(new Slice(t.threadId(), s.phase().name().toLowerCase(Locale.ROOT), s, drop(s.phase())));
            }
            for (TraceReplay.Span s : t.blocking()) {
                slices.add(new Slice(t.threadId(), "blocking", s, null));
            }
            for (TraceReplay.Mark m : t.marks()) {
                instants.add(new Instant(t.threadId(), m));
            }
        }
        // Parents before children: by start, then longest first.
        slices.sort(Comparator.comparingLong((Slice s) -> s.span().startNanos()).thenComparing(s -> -s.span().nanos()));
        instants.sort(Comparator.comparingLong(i -> i.mark().atNanos()));

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
            for (TraceReplay.Track t : replay.tracks()) {
                metadata(g, "thread_name", t.threadId(), "name", t.name());
                g.writeStartObject();
                g.writeStringField("ph", "M");
                g.writeStringField("name", "thread_sort_index");
                g.writeNumberField("pid", PID);
                g.writeNumberField("tid", t.threadId());
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
                g.writeNumberField("ts", micros(s.span().startNanos()));
                g.writeNumberField("dur", micros(s.span().nanos()));
                if (s.drop() != null || s.span().unfinished()) {
                    g.writeObjectFieldStart("args");
                    if (s.drop() != null) {
                        g.writeStringField("drop", s.drop());
                    }
                    if (s.span().unfinished()) {
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
                g.writeStringField("name", i.mark().kind() == TraceEvent.Kind.DROP_REQUEST ? "drop request"
                        : "lock enabled");
                g.writeStringField("cat", "lock");
                g.writeNumberField("pid", PID);
                g.writeNumberField("tid", i.tid());
                g.writeNumberField("ts", micros(i.mark().atNanos()));
                g.writeObjectFieldStart("args");
                g.writeStringField("from", i.mark().from());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** The {@code drop} argument of a slice: how a released or dropped thread gave the lock up. */
    private static String drop(TraceReplay.Phase phase) {
        return switch (phase) {
            case RELEASED -> "voluntary";
            case DROPPED -> "forced";
            case WAITING, HOLDING -> null;
        };
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
