package dev.gillab.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.gillab.testing.ForkedJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Native memory that is no longer there, passed to the bindings' native-memory entry points:
 * each is refused in Java with a clear exception, before C could read a NULL or dangling
 * address. A JNA {@code Memory} keeps its size after {@code close()}, so a check of the length
 * alone let NULL reach C (a SIGSEGV in {@code gillab_sum}). Each case runs in a JVM of its own
 * ({@link SumsFreedNativeMemory}), so that a regression fails this test instead of killing the
 * test JVM.
 */
class FreedNativeMemoryTest {

    @BeforeEach
    void needsTheNativeSide() {
        assumeFalse(Boolean.getBoolean("gillab.native.skip"), "the build skipped the native side (-Dnative.skip)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            jna closed Memory                  | java.lang.IllegalStateException: values has no native memory
            jna-direct closed Memory           | java.lang.IllegalStateException: values has no native memory
            jna-direct view of a closed Memory | java.lang.IllegalArgumentException: values must be a Memory made by
            javacpp closed DoublePointer       | java.lang.IllegalStateException: values has no native memory
            ffm segment of a closed arena      | java.lang.IllegalStateException: values has no native memory
            ffm segment at NULL                | java.lang.IllegalArgumentException: values is at address NULL
            """)
    void isRefusedInJava(String misuse, String refusal, @TempDir Path work) throws Exception {
        ForkedJvm.Outcome run = ForkedJvm.run(work, Duration.ofSeconds(60), List.of(), SumsFreedNativeMemory.class,
                misuse);
        assertThat(run.exitCode()).as("%s: the JVM's exit code (not 0 after a crash in C); output:%n%s", misuse,
                run.output())
                .isZero();
        assertThat(run.output()).as(misuse).startsWith("refused: " + refusal);
    }
}
