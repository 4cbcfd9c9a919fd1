package dev.gillab.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.gillab.testing.ForkedJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's extracted copy: a JVM that loads it through JNA and FFM leaves nothing in its
 * temporary folder when it exits, and deletes the copies of processes that were killed before
 * they could delete their own. Each check runs a JVM of its own with its own
 * {@code java.io.tmpdir}, so that other JVMs on the machine do not matter.
 */
class NativeLibraryTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @BeforeEach
    void needsTheNativeSide() {
        assumeFalse(Boolean.getBoolean("gillab.native.skip"), "the build skipped the native side (-Dnative.skip)");
    }

    @Test
    void aJvmThatLoadedTheLibraryLeavesNothingInItsTemporaryFolder(@TempDir Path work) throws Exception {
        Path tmp = Files.createDirectory(work.resolve("tmp"));
        ForkedJvm.Outcome run = ForkedJvm.run(work, LIMIT, List.of("-Djava.io.tmpdir=" + tmp),
                LoadsNativeLibrary.class);
        assertThat(run.exitCode()).as("exit code; output:\n" + run.output()).isZero();
        assertThat(run.output()).as("the forked JVM used an extracted copy in its temporary folder")
                .contains("loaded from " + tmp.toRealPath()).contains("sum 21");
        assertThat(names(tmp)).as("what the JVM left in its temporary folder").isEmpty();
    }

    @Test
    void copiesOfEndedProcessesAreDeletedAndOthersKept(@TempDir Path work) throws Exception {
        Path tmp = Files.createDirectory(work.resolve("tmp"));
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        long live = ProcessHandle.current().pid();
        String stale = NativeLibrary.TEMP_PREFIX + ended.pid() + "-123";
        String ours = NativeLibrary.TEMP_PREFIX + live + "-456";
        String foreign = NativeLibrary.TEMP_PREFIX + "notapid";
        for (String folder : List.of(stale, ours, foreign)) {
            Files.writeString(Files.createDirectory(tmp.resolve(folder)).resolve("libgillab.so"), "copy");
        }
        ForkedJvm.Outcome run = ForkedJvm.run(work, LIMIT, List.of("-Djava.io.tmpdir=" + tmp),
                LoadsNativeLibrary.class);
        assertThat(run.exitCode()).as("exit code; output:\n" + run.output()).isZero();
        assertThat(names(tmp)).as("the folder of the ended process %d is gone; a live process's and a folder "
                + "without a pid stay", ended.pid()).containsExactlyInAnyOrder(ours, foreign);
    }

    @Test
    void theOwnerPidIsReadFromTheFolderName() {
        assertThat(NativeLibrary.ownerPid(NativeLibrary.TEMP_PREFIX + "4242-98765")).hasValue(4242);
        assertThat(NativeLibrary.ownerPid(NativeLibrary.TEMP_PREFIX + "4242")).isEmpty();
        assertThat(NativeLibrary.ownerPid(NativeLibrary.TEMP_PREFIX + "-4242-1")).isEmpty();
        assertThat(NativeLibrary.ownerPid(NativeLibrary.TEMP_PREFIX + "x1-2")).isEmpty();
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }
}
