package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event trace: off and empty by default, the events of a run, overflow, the Chrome/Perfetto export. */
class TraceTest {

    private final AtomicReference<Throwable> error = new AtomicReference<>();

    @Test
    void theTraceIsOffAndEmptyByDefault() throws Exception {
        Interpreter interp = Interpreter.create(LockMode.SWITCH);
        interp.attach();
        interp.sleep(Duration.ofMillis(1));
        interp.detach();
        Trace trace = interp.trace();
        assertThat(trace.enabled()).isFalse();
        assertThat(trace.capacity()).isZero();
        assertThat(trace.events()).isEmpty();
        assertThat(trace.recorded()).isZero();
    }

    @Test
    void aThreadsLifeIsRecordedInOrder() throws Exception {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH).withTrace(true));
        interp.attach();
        interp.sleep(Duration.ofMillis(1));
        interp.runReleased(() -> { });
        interp.detach();
        List<TraceEvent> events = interp.trace().events();
        assertThat(events).extracting(TraceEvent::kind).containsExactly(
                TraceEvent.Kind.REQUEST, TraceEvent.Kind.ACQUIRED,
                TraceEvent.Kind.RELEASED, TraceEvent.Kind.BLOCKING_BEGIN, TraceEvent.Kind.BLOCKING_END,
                TraceEvent.Kind.REQUEST, TraceEvent.Kind.ACQUIRED,
                TraceEvent.Kind.RELEASED, TraceEvent.Kind.REQUEST, TraceEvent.Kind.ACQUIRED,
                TraceEvent.Kind.RELEASED);
        assertThat(events).extracting(TraceEvent::drop).containsExactly(
                null, null, DropKind.VOLUNTARY, null, null, null, null, DropKind.VOLUNTARY, null, null, DropKind.FINAL);
        assertThat(events).isSortedAccordingTo(Comparator.comparingLong(TraceEvent::nanos));
        assertThat(events).extracting(TraceEvent::threadName).containsOnly(Thread.currentThread().getName());
        assertThat(events.get(4).nanos() - events.get(3).nanos()).as("the sleep, in ns")
                .isGreaterThanOrEqualTo(1_000_000);
    }

    @Test
    void aFullRingKeepsTheNewestEventsAndCountsTheOverwrittenOnes() {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.TICKS).withCheckInterval(1)
                .withTrace(16));
        interp.attach();
        Sim.interpret(interp, 50); // 3 events per poll: released, request, acquired
        interp.detach();
        Trace trace = interp.trace();
        long recorded = 2 + 50 * 3 + 1;
        assertThat(trace.recorded()).isEqualTo(recorded);
        assertThat(trace.dropped()).isEqualTo(recorded - 16);
        List<TraceEvent> kept = trace.events();
        assertThat(kept).hasSize(16);
        assertThat(kept.getLast().sequence()).isEqualTo(recorded - 1);
        assertThat(kept.getLast().drop()).as("the newest event is the detach").isEqualTo(DropKind.FINAL);
        for (int i = 1; i < kept.size(); i++) {
            assertThat(kept.get(i).sequence()).isEqualTo(kept.get(i - 1).sequence() + 1);
        }
    }

    /**
     * A recorder that claimed sequence 0 and then stalled for a whole lap of the ring must not
     * overwrite the newer event now in its slot: the kept window stays without a gap.
     */
    @Test
    void aRecorderDelayedByAWholeLapDoesNotPunchAHoleInTheWindow() {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH).withTrace(4));
        interp.attach();
        interp.runReleased(() -> { }); // 5 events so far: request, acquired, released, request, acquired
        TraceEvent first = new TraceEvent(0, 0, TraceEvent.Kind.REQUEST, 1, "stalled", null, 0, null);
        interp.trace().publish(first); // the late write of sequence 0, whose slot now holds sequence 4
        List<TraceEvent> kept = interp.trace().events();
        assertThat(kept).extracting(TraceEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
        interp.detach();
    }

    /**
     * An uncontended re-take (the fast path) stamps its request and its acquisition alike: the
     * export shows no "waiting" slice of zero length there, which would start where "holding"
     * starts and read as nested inside it. A thread's slices follow one another without overlap.
     */
    @Test
    void anUncontendedTakeHasNoWaitingSliceAndATracksSlicesNeverOverlap() throws Exception {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH).withTrace(true));
        interp.attach();
        interp.runReleased(() -> { });
        interp.detach();
        List<TraceEvent> events = interp.trace().events();
        assertThat(events.get(3).kind()).isEqualTo(TraceEvent.Kind.REQUEST);
        assertThat(events.get(4).nanos()).as("the fast path's acquisition, stamped as its request")
                .isEqualTo(events.get(3).nanos());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        interp.trace().writeChromeTrace(out);
        List<long[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode e : new ObjectMapper().readTree(out.toByteArray()).path("traceEvents")) {
            if (e.path("ph").asText().equals("X")) {
                long ts = Math.round(e.path("ts").asDouble() * 1000);
                spans.add(new long[] {ts, ts + Math.round(e.path("dur").asDouble() * 1000)});
                names.add(e.path("name").asText());
            }
        }
        assertThat(names).as("slices: the region, then at once the re-take's holding").endsWith("released", "holding");
        assertThat(spans).as("slices of zero length").noneMatch(span -> span[1] == span[0]);
        assertNoOverlap(spans, "the thread's track");
    }

    /**
     * Two CPU-bound threads plus one that blocks: the export parses, names every track, has only
     * complete slices that never overlap on a track (except blocking inside released), shows
     * drop requests, and never shows two threads holding at once.
     */
    @Test
    void theChromeTraceParsesAndEachTrackIsWellFormed(@TempDir Path dir) throws Exception {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH)
                .withSwitchIntervalMicros(1_000).withTrace(true));
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (String name : List.of("cpu-1", "cpu-2")) {
            threads.add(Sim.startAttached(interp, name, () -> Sim.interpretUntil(interp, stop::get), error));
        }
        threads.add(Sim.startAttached(interp, "io", () -> {
            for (int i = 0; i < 5; i++) {
                try {
                    interp.sleep(Duration.ofMillis(2));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                Sim.interpret(interp, 100);
            }
        }, error));
        Sim.joinAll(List.of(threads.get(2)), Duration.ofSeconds(20), interp);
        stop.set(true);
        Sim.joinAll(threads, Duration.ofSeconds(10), interp);
        Sim.rethrow(error);

        Path file = dir.resolve("lock.json");
        interp.trace().writeChromeTrace(file);
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        assertThat(root.path("displayTimeUnit").asText()).isEqualTo("ns");
        assertThat(root.path("otherData").path("droppedEvents").asLong()).isZero();
        JsonNode events = root.path("traceEvents");
        assertThat(events.isArray()).isTrue();

        Map<Long, String> names = new HashMap<>();
        Map<Long, List<long[]>> topSlices = new HashMap<>();
        Map<Long, List<long[]>> blockingSlices = new HashMap<>();
        List<long[]> holding = new ArrayList<>();
        Set<String> sliceNames = new HashSet<>();
        int dropRequests = 0;
        for (JsonNode e : events) {
            String ph = e.path("ph").asText();
            long tid = e.path("tid").asLong();
            switch (ph) {
                case "M" -> {
                    if (e.path("name").asText().equals("thread_name")) {
                        names.put(tid, e.path("args").path("name").asText());
                    }
                }
                case "X" -> {
                    // microseconds with 3 decimals: back to exact nanoseconds
                    long ts = Math.round(e.path("ts").asDouble() * 1000);
                    long dur = Math.round(e.path("dur").asDouble() * 1000);
                    assertThat(dur).as("slice duration").isGreaterThanOrEqualTo(0);
                    String name = e.path("name").asText();
                    sliceNames.add(name);
                    long[] span = {ts, ts + dur};
                    (name.equals("blocking") ? blockingSlices : topSlices).computeIfAbsent(tid, k -> new ArrayList<>())
                            .add(span);
                    if (name.equals("holding")) {
                        holding.add(span);
                    }
                }
                case "i" -> {
                    assertThat(e.path("name").asText()).isEqualTo("drop request");
                    dropRequests++;
                }
                default -> throw new AssertionError("unexpected phase " + ph + " in " + e);
            }
        }
        assertThat(names.values()).containsExactlyInAnyOrder("cpu-1", "cpu-2", "io");
        assertThat(topSlices.keySet()).as("every track with slices is named").isSubsetOf(names.keySet());
        assertThat(sliceNames).contains("holding", "waiting", "released", "blocking", "dropped");
        assertThat(dropRequests).as("drop requests shown as instants").isPositive();
        for (Map.Entry<Long, List<long[]>> track : topSlices.entrySet()) {
            assertNoOverlap(track.getValue(), "track " + names.get(track.getKey()));
        }
        long io = names.entrySet().stream().filter(n -> n.getValue().equals("io")).findFirst().orElseThrow().getKey();
        for (long[] b : blockingSlices.getOrDefault(io, List.of())) {
            assertThat(topSlices.get(io)).as("a blocking slice sits inside a released slice")
                    .anyMatch(p -> p[0] <= b[0] && b[1] <= p[1] && p != b);
        }
        assertThat(blockingSlices.values().stream().mapToInt(List::size).sum()).isEqualTo(5);
        assertNoOverlap(holding, "holding slices of all threads (mutual exclusion)");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        interp.trace().writeChromeTrace(out);
        assertThat(new ObjectMapper().readTree(out.toByteArray()).path("traceEvents").size()).isEqualTo(events.size());
    }

    private static void assertNoOverlap(List<long[]> spans, String what) {
        List<long[]> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingLong(s -> s[0]));
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i)[0]).as("%s: slice at %d ns starts before the previous one ends", what,
                    sorted.get(i)[0])
                    .isGreaterThanOrEqualTo(sorted.get(i - 1)[1]);
        }
    }
}
