package dev.gillab.bench;

import com.sun.jna.Memory;
import dev.gillab.binding.Binding;
import dev.gillab.binding.ffm.FfmKernels;
import dev.gillab.binding.javacpp.JavaCppKernels;
import dev.gillab.binding.jna.JnaDirectKernels;
import dev.gillab.binding.jna.JnaKernels;
import dev.gillab.kernel.Kernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.bytedeco.javacpp.DoublePointer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What it costs to hand an array of doubles to C, by binding and by where the data lives: the
 * C function {@code gillab_sum} adds {@code length} doubles, about a nanosecond each, so that
 * moving the array costs as much as the work and the difference between the ways shows.
 *
 * <h2>The parameters</h2>
 * <ul>
 *   <li>{@code binding}: the binding family, {@code jna} (interface mapping), {@code jna-direct}
 *       (direct mapping), {@code javacpp} or {@code ffm}.</li>
 *   <li>{@code memory}: where the data is, and so what the call does with it:
 *     <ul>
 *       <li>{@code copy}: a Java {@code double[]}, copied to native memory on every call (and,
 *           by JNA, back again): {@code binding.kernels().sum(values, length)}. Any
 *           {@link Binding} id works here, e.g. {@code -p binding=jna-memory,java}.</li>
 *       <li>{@code pinned}: a Java {@code double[]} passed without a copy, the garbage
 *           collector held off for the call: JavaCPP's {@code @CriticalRegion}
 *           ({@code javacpp-critical}) and an FFM downcall linked {@code critical(true)} taking
 *           a heap segment ({@code ffm-critical}). JNA has no such way: {@code jna} and
 *           {@code jna-direct} with {@code pinned} fail at setup with that reason ({@code gillab
 *           bench} runs JNA with {@code copy} and {@code direct} only).</li>
 *       <li>{@code direct}: the data already lives in native memory, filled once per
 *           iteration, and only its address crosses: a JNA {@link Memory}, a JavaCPP
 *           {@link DoublePointer}, an FFM {@link MemorySegment} from a confined {@link Arena},
 *           through each binding's {@code sumInNativeMemory}. This is the floor: a call and the
 *           sum.</li>
 *     </ul></li>
 *   <li>{@code length}: 16 to 1M doubles (128 bytes to 8 MiB, from inside the L1 cache to
 *       beyond the L2).</li>
 * </ul>
 *
 * <h2>How to read it</h2>
 * Per binding, {@code copy - direct} is the price of the copy, {@code pinned - direct} the price
 * of pinning; the sum itself grows as about {@code length} ns in every row. At 16 doubles
 * each binding's call overhead dominates (see {@code CallOverheadBenchmark}); as the length
 * grows, {@code copy} rows grow by the copy's own cost per element, about half the sum's again
 * for FFM and JavaCPP (one extra pass over the data), and more for JNA, which also copies the
 * array back after the call. {@code pinned} costs a fixed few ns over {@code direct}. Where
 * the {@code copy} and {@code direct} curves part is the length from which keeping the data in
 * native memory pays.
 *
 * <h2>Measured</h2>
 * 2026-11-22, JDK 25, 2-core x86-64 shared with other work, one short run
 * ({@code -f 1 -wi 1 -i 2 -r 1s -p binding=jna-direct,javacpp,ffm -p length=16,4096,1048576}),
 * ns per call:
 * <pre>
 *   binding     memory      16     4096   1048576
 *   jna-direct  copy       129     5334   1632927
 *   jna-direct  direct     102     3463    864267
 *   javacpp     copy        36     4424   1339890
 *   javacpp     pinned      24     3377    871029
 *   javacpp     direct      12     3343    867999
 *   ffm         copy        42     4431   1418829
 *   ffm         pinned       6     3316    876800
 *   ffm         direct      11     3342    878470
 * </pre>
 * The sum itself is about 0.83 ns per double (the {@code direct} rows); copying adds 1.5x to
 * 1.9x at 1M doubles, and at 16 doubles FFM's per-call arena makes {@code copy} 4x
 * {@code direct}. FFM's critical heap segment is the cheapest way to hand over a small array.
 *
 * <h2>Traps avoided</h2>
 * The values come from a fixed seed, live in fields and are built outside the measurement; the
 * sum goes back to JMH. One thread ({@link Threads}{@code (1)}): every state belongs to it, and
 * the FFM arena is confined to it, which is why the native memory is set up per iteration, on
 * the thread that uses it. No loop in the benchmark: one invocation is one call.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ArrayPassing}; narrow it with e.g.
 * {@code -p binding=ffm -p length=16,1048576}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class ArrayPassingBenchmark {

    @Param({"jna", "jna-direct", "javacpp", "ffm"})
    public String binding;

    @Param({"copy", "pinned", "direct"})
    public String memory;

    @Param({"16", "256", "4096", "65536", "1048576"})
    public int length;

    private DoubleSupplier sum;
    /** Whatever native memory the {@code direct} case allocated, freed at the iteration's end. */
    private AutoCloseable nativeMemory;

    @Setup(Level.Iteration)
    public void setUp() {
        double[] values = new SplittableRandom(0x6111AB).doubles(length, -1, 1).toArray();
        sum = switch (memory) {
            case "copy" -> {
                Kernels kernels = Binding.byId(binding).kernels();
                yield () -> kernels.sum(values, length);
            }
            case "pinned" -> {
                Kernels kernels = pinning().kernels();
                yield () -> kernels.sum(values, length);
            }
            case "direct" -> direct(values);
            default -> throw new IllegalArgumentException("memory must be copy, pinned or direct, was " + memory);
        };
    }

    /** The binding that passes this family's Java arrays pinned. */
    private Binding pinning() {
        return switch (binding) {
            case "javacpp" -> Binding.JAVACPP_CRITICAL;
            case "ffm" -> Binding.FFM_CRITICAL;
            default -> throw new IllegalArgumentException("memory=pinned: " + binding + " cannot pass a Java array"
                    + " without copying it (JNA always copies); it has memory=copy and memory=direct only");
        };
    }

    /** The values copied once into this family's native memory, and the call that sums them there. */
    private DoubleSupplier direct(double[] values) {
        long bytes = (long) length * Double.BYTES;
        switch (binding) {
            case "jna", "jna-direct" -> {
                Memory m = new Memory(bytes);
                m.write(0, values, 0, length);
                nativeMemory = m;
                if (binding.equals("jna")) {
                    JnaKernels kernels = new JnaKernels();
                    return () -> kernels.sumInNativeMemory(m, length);
                }
                JnaDirectKernels kernels = new JnaDirectKernels();
                return () -> kernels.sumInNativeMemory(m, length);
            }
            case "javacpp" -> {
                JavaCppKernels kernels = new JavaCppKernels(JavaCppKernels.Glue.COPYING); // loads JavaCPP first
                DoublePointer p = new DoublePointer(values);
                nativeMemory = p;
                return () -> kernels.sumInNativeMemory(p, length);
            }
            case "ffm" -> {
                Arena arena = Arena.ofConfined();
                MemorySegment segment = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, values);
                nativeMemory = arena;
                FfmKernels kernels = new FfmKernels(false);
                return () -> kernels.sumInNativeMemory(segment, length);
            }
            default -> throw new IllegalArgumentException("memory=direct: no native-memory entry point for binding "
                    + binding + "; the families are jna, jna-direct, javacpp and ffm");
        }
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws Exception {
        if (nativeMemory != null) {
            nativeMemory.close();
            nativeMemory = null;
        }
    }

    @Benchmark
    public double sum() {
        return sum.getAsDouble();
    }
}
