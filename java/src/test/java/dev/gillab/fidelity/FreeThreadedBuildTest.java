package dev.gillab.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreeThreadedBuildTest {

    @Test
    void theCacheFolderFollowsXdgCacheHomeElseTheHomeFolder(@TempDir Path dir) {
        assertThat(FreeThreadedBuild.cacheFolder(Map.of("XDG_CACHE_HOME", dir.toString())))
                .isEqualTo(dir.resolve("gillab/cpython"));
        assertThat(FreeThreadedBuild.cacheFolder(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "gillab", "cpython"));
    }

    @Test
    void theNewestFinishedBuildIsChosenAndAHalfFinishedOneIgnored(@TempDir Path cache) throws IOException {
        Path old = build(cache, "3.13.5-free-threaded", true);
        Path newer = build(cache, "3.13.10-free-threaded", true);
        build(cache, "3.14.0-free-threaded", false);
        Path defaultBuild = build(cache, "3.15.0-default", true);

        assertThat(FreeThreadedBuild.cached(cache, FreeThreadedBuild.FREE_THREADED))
                .as("3.13.10 is newer than 3.13.5; 3.14.0 is unfinished").contains(newer);
        assertThat(FreeThreadedBuild.cached(cache, FreeThreadedBuild.DEFAULT)).as("the default build, by its suffix")
                .contains(defaultBuild);
        Files.delete(newer);
        assertThat(FreeThreadedBuild.cached(cache, FreeThreadedBuild.FREE_THREADED))
                .as("a marker naming a missing interpreter is no build").contains(old);
        assertThat(FreeThreadedBuild.cached(cache.resolve("nothing-here"), FreeThreadedBuild.FREE_THREADED)).isEmpty();
    }

    @Test
    void withoutABuildItIsUnavailableAndSaysHowToGetOne(@TempDir Path dir) {
        try (CPython python = FreeThreadedBuild.locate(null, Map.of("XDG_CACHE_HOME", dir.toString()))) {
            assertThat(python.available()).isFalse();
            assertThat(python.describe()).contains(dir.resolve("gillab/cpython").toString())
                    .contains(FreeThreadedBuild.BUILD_COMMAND).contains("--free-threaded PATH");
        }
        try (CPython python = FreeThreadedBuild.locate("/nonexistent/python3.13t", Map.of())) {
            assertThat(python.available()).isFalse();
            assertThat(python.describe()).contains("/nonexistent/python3.13t")
                    .contains(FreeThreadedBuild.BUILD_COMMAND);
        }
    }

    @Test
    void anInterpreterWithTheLockBuiltInIsRefused() {
        try (CPython plain = CPython.locate(CPython.DEFAULT_EXECUTABLE)) {
            assumeThat(plain.available()).as("python3 on the PATH").isTrue();
        }
        try (CPython python = FreeThreadedBuild.locate(CPython.DEFAULT_EXECUTABLE, Map.of())) {
            assertThat(python.available()).isFalse();
            assertThat(python.describe()).contains("not a free-threaded build");
        }
    }

    @Test
    void versionsCompareNumberByNumber() {
        assertThat(FreeThreadedBuild.byVersion("3.13.10-free-threaded", "3.13.5-free-threaded")).isPositive();
        assertThat(FreeThreadedBuild.byVersion("3.14.0-free-threaded", "3.13.10-free-threaded")).isPositive();
        assertThat(FreeThreadedBuild.byVersion("3.13.5-free-threaded", "3.13.5-free-threaded")).isZero();
    }

    /** A fake build: an executable named in the marker when {@code finished}; returns the interpreter. */
    private static Path build(Path cache, String name, boolean finished) throws IOException {
        Path bin = Files.createDirectories(cache.resolve(name).resolve("bin"));
        Path interpreter = Files.writeString(bin.resolve("python3t"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(interpreter, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (finished) {
            Files.writeString(cache.resolve(name).resolve(FreeThreadedBuild.MARKER),
                    "version=x\nvariant=free-threaded\ninterpreter=" + interpreter + "\nseconds=1\n");
        }
        return interpreter;
    }
}
