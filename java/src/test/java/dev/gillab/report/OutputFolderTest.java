package dev.gillab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one rule for output folders: --out as given, else a new dated folder and a "-latest" link to it. */
class OutputFolderTest {

    @TempDir
    Path root;

    private static final LocalDateTime NOON = LocalDateTime.of(2026, 12, 7, 12, 0, 5);

    @Test
    void aGivenFolderIsUsedAsItIsAndCreated() {
        Path out = root.resolve("a").resolve("b");

        assertThat(OutputFolder.resolve(out, "demo", root.resolve("gillab-out"), NOON)).isEqualTo(out.toAbsolutePath())
                .isDirectory();
        assertThat(root.resolve("gillab-out")).as("no default folder made").doesNotExist();
    }

    @Test
    void withoutOneEachRunGetsANewDatedFolderAndTheLatestLinkFollowsIt() throws Exception {
        Path base = root.resolve("gillab-out");

        Path first = OutputFolder.resolve(null, "fidelity", base, NOON);
        Path second = OutputFolder.resolve(null, "fidelity", base, NOON);
        Path later = OutputFolder.resolve(null, "fidelity", base, NOON.plusMinutes(1));

        assertThat(first).isEqualTo(base.resolve("fidelity-20261207-120005").toAbsolutePath()).isDirectory();
        assertThat(second).as("the same second: no overwriting").isEqualTo(base.resolve("fidelity-20261207-120005-2")
                .toAbsolutePath());
        assertThat(later.getFileName().toString()).isEqualTo("fidelity-20261207-120105");
        Path latest = base.resolve("fidelity-latest");
        assertThat(Files.isSymbolicLink(latest)).isTrue();
        assertThat(latest.toRealPath()).isEqualTo(later.toRealPath());
        assertThat(OutputFolder.resolve(null, "demo", base, NOON)).isDirectory();
        assertThat(base.resolve("fidelity-latest").toRealPath()).as("one link per command")
                .isEqualTo(later.toRealPath());
    }

    @Test
    void aFolderNamedLikeTheLinkIsNeverReplaced() throws Exception {
        Path base = root.resolve("gillab-out");
        Files.createDirectories(base.resolve("bench-latest"));
        Files.writeString(base.resolve("bench-latest").resolve("results.json"), "{}");

        OutputFolder.resolve(null, "bench", base, NOON);

        assertThat(base.resolve("bench-latest").resolve("results.json")).exists();
    }
}
