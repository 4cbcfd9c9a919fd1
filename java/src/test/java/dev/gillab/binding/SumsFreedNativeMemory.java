package dev.gillab.binding;

import com.sun.jna.Memory;
import dev.gillab.binding.ffm.FfmKernels;
import dev.gillab.binding.javacpp.JavaCppKernels;
import dev.gillab.binding.jna.JnaDirectKernels;
import dev.gillab.binding.jna.JnaKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.bytedeco.javacpp.DoublePointer;

/**
 * The main class of {@link FreedNativeMemoryTest}'s forked JVMs: passes one kind of freed or
 * unusable native memory to a binding's {@code sumInNativeMemory} and prints whether the call
 * was refused (and with what) or summed. A JVM that crashes in C prints neither.
 */
public final class SumsFreedNativeMemory {

    /** Doubles in each memory: a megabyte, so that freeing it unmaps it and a read after the free faults. */
    static final int DOUBLES = 1 << 17;

    private SumsFreedNativeMemory() {
    }

    public static void main(String[] args) {
        try {
            double sum = sum(args[0]);
            System.out.println("summed: " + sum);
        } catch (RuntimeException e) {
            System.out.println("refused: " + e.getClass().getName() + ": " + e.getMessage());
        }
    }

    private static double sum(String misuse) {
        return switch (misuse) {
            case "jna closed Memory" -> new JnaKernels().sumInNativeMemory(closedMemory(), 4);
            case "jna-direct closed Memory" -> new JnaDirectKernels().sumInNativeMemory(closedMemory(), 4);
            case "jna-direct view of a closed Memory" -> {
                Memory memory = new Memory((long) DOUBLES * Double.BYTES);
                Memory view = (Memory) memory.share(0);
                memory.close();
                yield new JnaDirectKernels().sumInNativeMemory(view, 4);
            }
            case "javacpp closed DoublePointer" -> {
                JavaCppKernels kernels = new JavaCppKernels(JavaCppKernels.Glue.COPYING); // loads JavaCPP first
                DoublePointer pointer = new DoublePointer(DOUBLES);
                pointer.close();
                yield kernels.sumInNativeMemory(pointer, 4);
            }
            case "ffm segment of a closed arena" -> {
                MemorySegment segment;
                try (Arena arena = Arena.ofConfined()) {
                    segment = arena.allocate(ValueLayout.JAVA_DOUBLE, DOUBLES);
                }
                yield new FfmKernels(false).sumInNativeMemory(segment, 4);
            }
            case "ffm segment at NULL" -> new FfmKernels(false)
                    .sumInNativeMemory(MemorySegment.NULL.reinterpret((long) DOUBLES * Double.BYTES), 4);
            default -> throw new IllegalArgumentException("unknown misuse " + misuse);
        };
    }

    private static Memory closedMemory() {
        Memory memory = new Memory((long) DOUBLES * Double.BYTES);
        memory.close();
        return memory;
    }
}
