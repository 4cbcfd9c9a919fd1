package dev.gillab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.binding.Binding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The packaged jar carries every native library: copied to an empty folder and run from
 * there, with the CMake build and install folders moved out of the way, each binding still
 * loads and computes. Runs in Maven's integration-test phase, after the jar is built.
 */
class JarRunsAnywhereIT {

    private static final Path JAR = Path.of(System.getProperty("gillab.jar", "target/gillab.jar"));
    private static final List<Path> BUILD_FOLDERS = List.of(
            Path.of(System.getProperty("gillab.native.build", "target/cmake")),
            Path.of(System.getProperty("gillab.native.install", "target/native")));

    @TempDir
    static Path elsewhere;

    @BeforeAll
    static void hideTheBuildFolders() throws IOException {
        assertThat(JAR).as("the runnable jar, built by 'mvn package'").isRegularFile();
        Files.copy(JAR, elsewhere.resolve("gillab.jar"), StandardCopyOption.REPLACE_EXISTING);
        for (Path folder : BUILD_FOLDERS) {
            if (Files.exists(folder)) {
                Files.move(folder, hidden(folder));
            }
        }
    }

    @AfterAll
    static void restoreTheBuildFolders() throws IOException {
        for (Path folder : BUILD_FOLDERS) {
            if (Files.exists(hidden(folder))) {
                Files.move(hidden(folder), folder);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Binding.class)
    void everyBindingRunsMandelbrotFromAnotherFolderWithoutTheBuildFolder(Binding binding) throws Exception {
        Result r = gillab("run", "--kernel", "mandelbrot", "--binding", binding.id(), "--size", "64");

        assertThat(r.exitCode).as("exit code; stderr: %s", r.stderr).isZero();
        assertThat(r.stdout).as("result line").contains("mandelbrot(64) via " + binding.id() + ": 4096 pixels");
        assertThat(r.stderr).as("no native-access or Unsafe warnings").doesNotContain("WARNING");
    }

    @Test
    void anUnknownBindingIsAOneLineUsageErrorWithExitCode2() throws Exception {
        Result r = gillab("run", "--kernel", "mandelbrot", "--binding", "cobol");

        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.stderr.lines()).as(r.stderr).hasSize(2);
        assertThat(r.stderr).contains("unknown binding 'cobol'").contains("--help");
    }

    private static Path hidden(Path folder) {
        return folder.resolveSibling(folder.getFileName() + ".hidden-by-test");
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result gillab(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // JavaCPP extracts its libraries into a cache: a fresh one proves they come from the jar.
                "-Dorg.bytedeco.javacpp.cachedir=" + elsewhere.resolve("javacpp-cache"),
                "-jar", "gillab.jar"));
        command.addAll(List.of(args));
        Path out = elsewhere.resolve("stdout.txt");
        Path err = elsewhere.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).directory(elsewhere.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
