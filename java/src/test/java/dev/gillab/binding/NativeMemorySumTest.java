package dev.gillab.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.jna.Memory;
import dev.gillab.binding.ffm.FfmKernels;
import dev.gillab.binding.javacpp.JavaCppKernels;
import dev.gillab.binding.jna.JnaDirectKernels;
import dev.gillab.binding.jna.JnaKernels;
import dev.gillab.kernel.JavaKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import java.util.stream.Stream;
import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract of the bindings' native-memory entry points ({@code sumInNativeMemory}), the "direct"
 * side of the array-passing benchmark: each sums doubles that already live in native memory
 * (JNA {@link Memory}, JavaCPP {@link DoublePointer}, an FFM segment from an {@link Arena}) to
 * the same bits as the pure-Java kernel, and rejects a null memory, a negative length and a
 * length beyond the memory in Java, before C could read past the end.
 */
class NativeMemorySumTest {

    private static final int CAPACITY = 1_000;

    /** One entry point: copies the values into its own native memory of CAPACITY doubles and sums the first length. */
    interface Entry {
        double sum(double[] values, long length);
    }

    static Stream<String> entries() {
        return Stream.of("jna", "jna-direct", "javacpp", "ffm");
    }

    private final JavaKernels reference = new JavaKernels();

    @BeforeEach
    void needsTheNativeSide() {
        assumeFalse(Boolean.getBoolean("gillab.native.skip"), "the build skipped the native side (-Dnative.skip)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void sumsNativeMemoryToTheJavaKernelsBits(String entry) {
        Random random = new Random(10);
        for (int trial = 0; trial < 20; trial++) {
            double[] values = KernelEquivalenceTest.randomValues(random, CAPACITY);
            int length = trial == 0 ? 0 : trial == 1 ? CAPACITY : random.nextInt(CAPACITY + 1);
            assertThat(Double.doubleToRawLongBits(entry(entry).sum(values, length)))
                    .as("%s: sum of %d doubles in native memory, bits", entry, length)
                    .isEqualTo(Double.doubleToRawLongBits(reference.sum(values, length)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void rejectsANegativeLengthAndOneBeyondTheMemory(String entry) {
        double[] values = new double[CAPACITY];
        for (long length : new long[] {-1, Long.MIN_VALUE, CAPACITY + 1, Long.MAX_VALUE}) {
            assertThatThrownBy(() -> entry(entry).sum(values, length)).as("%s: length %d", entry, length)
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("length must be in 0.." + CAPACITY + ", was " + length);
        }
    }

    @Test
    void rejectsNullMemoryThroughEveryEntry() {
        assertThatThrownBy(() -> new JnaKernels().sumInNativeMemory(null, 0)).as("jna")
                .isExactlyInstanceOf(NullPointerException.class).hasMessageStartingWith("values must not be null");
        assertThatThrownBy(() -> new JnaDirectKernels().sumInNativeMemory(null, 0)).as("jna-direct")
                .isExactlyInstanceOf(NullPointerException.class).hasMessageStartingWith("values must not be null");
        assertThatThrownBy(() -> new JavaCppKernels(JavaCppKernels.Glue.COPYING).sumInNativeMemory(null, 0))
                .as("javacpp")
                .isExactlyInstanceOf(NullPointerException.class).hasMessageStartingWith("values must not be null");
        assertThatThrownBy(() -> new FfmKernels(false).sumInNativeMemory(null, 0)).as("ffm")
                .isExactlyInstanceOf(NullPointerException.class).hasMessageStartingWith("values must not be null");
    }

    @Test
    void ffmRejectsAHeapSegment() {
        MemorySegment heap = MemorySegment.ofArray(new double[4]);
        assertThatThrownBy(() -> new FfmKernels(false).sumInNativeMemory(heap, 4)).as("ffm, heap segment")
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("values must be a native segment");
    }

    @Test
    void javaCppCountsTheCapacityFromThePointersPosition() {
        JavaCppKernels kernels = new JavaCppKernels(JavaCppKernels.Glue.COPYING); // loads JavaCPP first
        try (DoublePointer pointer = new DoublePointer(new double[CAPACITY])) {
            pointer.position(CAPACITY - 10);
            assertThat(kernels.sumInNativeMemory(pointer, 10)).as("the last 10 doubles").isEqualTo(0.0);
            assertThatThrownBy(() -> kernels.sumInNativeMemory(pointer, 11)).as("11 past position %d", CAPACITY - 10)
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("length must be in 0..10, was 11");
        }
    }

    /** The entry point by name, over a fresh native memory of CAPACITY doubles holding the values. */
    private static Entry entry(String name) {
        return switch (name) {
            case "jna" -> (values, length) -> {
                try (Memory memory = jnaMemory(values)) {
                    return new JnaKernels().sumInNativeMemory(memory, length);
                }
            };
            case "jna-direct" -> (values, length) -> {
                try (Memory memory = jnaMemory(values)) {
                    return new JnaDirectKernels().sumInNativeMemory(memory, length);
                }
            };
            case "javacpp" -> (values, length) -> {
                JavaCppKernels kernels = new JavaCppKernels(JavaCppKernels.Glue.COPYING); // loads JavaCPP first
                try (DoublePointer pointer = new DoublePointer(values)) {
                    return kernels.sumInNativeMemory(pointer, length);
                }
            };
            case "ffm" -> (values, length) -> {
                try (Arena arena = Arena.ofConfined()) {
                    return new FfmKernels(false).sumInNativeMemory(arena.allocateFrom(ValueLayout.JAVA_DOUBLE, values),
                            length);
                }
            };
            default -> throw new IllegalArgumentException("unknown entry " + name);
        };
    }

    private static Memory jnaMemory(double[] values) {
        Memory memory = new Memory((long) values.length * Double.BYTES);
        memory.write(0, values, 0, values.length);
        return memory;
    }
}
