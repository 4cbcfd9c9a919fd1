package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waiting for the lock never pins a carrier: 1,000 virtual threads contend on the lock and all
 * finish, with the default scheduler (one carrier per core) and with a single carrier.
 */
class VirtualThreadTest {

    private static final int THREADS = 1_000;

    /**
     * 1,000 virtual threads; JFR reports no virtual thread pinned while it waited for the lock.
     * A short warm-up run first loads the classes, and the lock's JFR event classes are
     * initialised explicitly (the lock creates events only while JFR runs, so the warm-up does
     * not load them): class initialisation pins a virtual thread that waits for another thread
     * to finish initialising a class, which says nothing about the lock.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aThousandVirtualThreadsContendWithoutPinning(@TempDir Path dir) throws Exception {
        VirtualThreadContention.run(20, Duration.ofSeconds(20));
        for (Class<?> event : List.of(LockWaitEvent.class, LockHeldEvent.class, DropRequestEvent.class)) {
            Class.forName(event.getName(), true, event.getClassLoader());
        }
        Path file = dir.resolve("pinning.jfr");
        LockStats stats;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withoutThreshold().withStackTrace();
            recording.start();
            stats = VirtualThreadContention.run(THREADS, Duration.ofSeconds(45));
            recording.stop();
            recording.dump(file);
        }
        assertThat(stats.threads()).hasSize(THREADS);
        assertThat(stats.total().acquisitions() - stats.total().forcedDrops())
                .as("attach + one re-take per round, per thread, besides re-takes after forced drops")
                .isEqualTo(THREADS * 6L);
        assertThat(stats.total().acquisitions()).isEqualTo(stats.total().releases());
        List<RecordedEvent> pinnedWaiting = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned"))
                .filter(e -> e.getStackTrace() != null && e.getStackTrace().getFrames().stream()
                        .map(RecordedFrame::getMethod)
                        .anyMatch(m -> m.getType().getName().equals(CondvarGil.class.getName())))
                .toList();
        assertThat(pinnedWaiting).as("virtual threads pinned while waiting inside the lock (take or forced switch)")
                .isEmpty();
    }

    /**
     * A child JVM whose virtual-thread scheduler has exactly one carrier and may not add any.
     * Holders sometimes park while holding the lock, so they unmount and need the carrier back
     * to finish: if a waiter kept its carrier while waiting (pinned, or spinning), the holder
     * could never run again and the child would hang (the parent then fails after 60 s with
     * the child's output).
     */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aThousandVirtualThreadsFinishOnASingleCarrier() throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString());
        Process child = new ProcessBuilder(java,
                "-Djdk.virtualThreadScheduler.parallelism=1",
                "-Djdk.virtualThreadScheduler.maxPoolSize=1",
                "-cp", System.getProperty("java.class.path"),
                VirtualThreadContention.class.getName(), String.valueOf(THREADS), "55")
                .redirectErrorStream(true)
                .start();
        boolean finished = child.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        String output = read(child);
        assertThat(finished).as("the child JVM finished; output:\n" + output).isTrue();
        assertThat(child.exitValue()).as("exit code; output:\n" + output).isZero();
        assertThat(output).as("the child's report").contains("done " + THREADS * 6L + " " + THREADS);
    }

    private static String read(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
