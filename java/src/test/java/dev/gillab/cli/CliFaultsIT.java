package dev.gillab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults that only a JVM of its own can show, run against the packaged jar: documented maxima
 * under a 256 MiB heap (refused up front with the heap they need), a result file of 3 GiB, and
 * a native library that lacks gillab's functions (JNA's interface mapping finds that out at the
 * first call). Each ends with one {@code gillab:} line and its exit code, never a stack trace.
 */
class CliFaultsIT {

    private static final Path JAR = Path.of(System.getProperty("gillab.jar", "target/gillab.jar"));
    private static final String SMALL_HEAP = "-Xmx256m";

    @TempDir
    static Path tmp;

    /** A folder whose libgillab.so is a library of the JDK's own: it loads, and has none of gillab's functions. */
    static Path alienLibrary;
    static Path hugeFile;

    @BeforeAll
    static void makeTheFiles() throws Exception {
        alienLibrary = Files.createDirectories(tmp.resolve("alien"));
        Path jdkLibrary = Path.of(System.getProperty("java.home"), "lib", System.mapLibraryName("jimage"));
        Files.copy(jdkLibrary, alienLibrary.resolve(System.mapLibraryName("gillab")));
        hugeFile = tmp.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(hugeFile.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: 3 GiB long, nothing on disk
        }
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                fault(2, "matmul at size 4096 needs about 384 MiB of Java heap", SMALL_HEAP,
                        "run", "-k", "matmul", "-s", "4096"),
                fault(2, "primes at size 268435456 needs about 256 MiB of Java heap", SMALL_HEAP,
                        "run", "-k", "primes", "-s", "268435456"),
                fault(2, "mandelbrot at size 8192 needs about 256 MiB of Java heap", SMALL_HEAP,
                        "run", "-k", "mandelbrot", "-s", "8192"),
                fault(2, "sha256 at size 1073741824 needs about 1024 MiB of Java heap", SMALL_HEAP,
                        "run", "-k", "sha256", "-s", "1073741824"),
                fault(2, "bytes must be in 0..1073741824, was 2147483647", SMALL_HEAP,
                        "run", "-k", "sha256", "-s", "2147483647"),
                fault(2, "huge.json (3072 MiB, a JMH result file is a few MiB) needs about 12.0 GiB", SMALL_HEAP,
                        "report", hugeFile.toString(), "--out", tmp.resolve("report").toString()),
                fault(1, "the native library lacks what gillab calls", "-Dgillab.library.path=" + alienLibrary,
                        "run", "-k", "fib", "-s", "10", "-b", "jna"));
    }

    @ParameterizedTest(name = "[{index}] exit {0}: {3}")
    @MethodSource("faults")
    void aFaultIsOneLineAndAnExitCode(int code, String fragment, String jvmFlag, List<String> args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), jvmFlag, "--enable-native-access=ALL-UNNAMED",
                "-jar", JAR.toString()));
        command.addAll(args);
        Path err = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ended within a minute").isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("exit code; stderr: %s", stderr).isEqualTo(code);
        assertThat(stderr.lines().findFirst().orElse("")).as("the error line")
                .startsWith("gillab: ").contains(fragment);
        assertThat(stderr).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    private static Arguments fault(int code, String fragment, String jvmFlag, String... args) {
        return Arguments.of(code, fragment, jvmFlag, Arrays.asList(args));
    }
}
