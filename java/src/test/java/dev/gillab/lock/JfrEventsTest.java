package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JFR events appear in a recording that enables them, with their fields filled in. */
class JfrEventsTest {

    private final AtomicReference<Throwable> error = new AtomicReference<>();

    @Test
    void lockWaitHeldAndDropRequestEventsAreRecorded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lock.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(LockWaitEvent.NAME).withoutThreshold();
            recording.enable(LockHeldEvent.NAME).withoutThreshold();
            recording.enable(DropRequestEvent.NAME).withoutThreshold();
            recording.start();

            Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH)
                    .withSwitchIntervalMicros(1_000));
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (String name : List.of("jfr-a", "jfr-b")) {
                threads.add(Sim.startAttached(interp, name, () -> Sim.interpretUntil(interp, stop::get), error));
            }
            Sim.awaitTrue(() -> interp.stats().total().forcedDrops() >= 10, Duration.ofSeconds(20), "10 forced drops");
            stop.set(true);
            Sim.joinAll(threads, Duration.ofSeconds(10), interp);
            Sim.rethrow(error);

            recording.stop();
            recording.dump(file);
        }

        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<RecordedEvent> waits = named(events, LockWaitEvent.NAME);
        List<RecordedEvent> held = named(events, LockHeldEvent.NAME);
        List<RecordedEvent> drops = named(events, DropRequestEvent.NAME);
        assertThat(waits).as("lock wait events").isNotEmpty();
        assertThat(held).as("lock held events").isNotEmpty();
        assertThat(drops).as("drop request events").isNotEmpty();
        assertThat(waits).allSatisfy(e -> {
            assertThat(e.getString("mode")).isEqualTo("switch");
            assertThat(e.getString("simThread")).isIn("jfr-a", "jfr-b");
        });
        assertThat(waits).as("some waits were contended").anyMatch(e -> e.getBoolean("contended"));
        assertThat(held).extracting(e -> e.getString("drop")).contains("forced", "final");
        assertThat(drops).allSatisfy(e -> {
            assertThat(e.getString("holder")).isIn("jfr-a", "jfr-b").isNotEqualTo(e.getString("simThread"));
            assertThat(e.getDuration("waited").toNanos()).as("posted after about one interval")
                    .isGreaterThanOrEqualTo(900_000);
        });
        assertThat(drops.getFirst().getEventType().getCategoryNames()).contains("gillab");
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }
}
