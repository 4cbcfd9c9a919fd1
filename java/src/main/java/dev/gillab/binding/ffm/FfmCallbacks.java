package dev.gillab.binding.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.gillab.binding.Binding;
import dev.gillab.binding.CallbackScope;
import dev.gillab.binding.Callbacks;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.LongUnaryOperator;

/**
 * The callbacks through the FFM API: {@code gillab_sum_of_callbacks} is given an upcall stub
 * ({@link Linker#upcallStub}), a C function pointer whose body is {@link #element}.
 *
 * <p>The stub is made once, in the global arena, and lives as long as the JVM; the function
 * of the current call is found through {@link CallbackScope}. The element's {@code int64_t *}
 * arrives as a segment of one {@code long} (the descriptor gives the pointer its target
 * layout), so the upcall stores the value with no unsafe reinterpretation. An exception that
 * escaped {@link #element} would end the JVM, which is why it catches {@link Throwable}.
 */
public final class FfmCallbacks implements Callbacks {

    /** {@code int32_t (*)(int64_t i, int64_t *value)}. */
    private static final FunctionDescriptor ELEMENT_TYPE =
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS.withTargetLayout(JAVA_LONG));

    private static final MemorySegment ELEMENT_STUB = elementStub();

    public FfmCallbacks() {
        FfmLibrary.load();
    }

    @Override
    public String name() {
        return Binding.FFM.id();
    }

    @Override
    public long sumOfCallbacks(long count, LongUnaryOperator fn) {
        return CallbackScope.run(fn, () -> {
            try {
                return (long) FfmLibrary.SUM_OF_CALLBACKS.invokeExact(count, ELEMENT_STUB);
            } catch (Throwable t) {
                throw FfmLibrary.rethrow(t);
            }
        });
    }

    /** The upcall: element i's value into {@code *value}; any exception becomes {@code STOP}. */
    private static int element(long i, MemorySegment value) {
        try {
            value.set(JAVA_LONG, 0, CallbackScope.element(i));
            return CallbackScope.GO_ON;
        } catch (Throwable t) {
            return CallbackScope.stop(t);
        }
    }

    private static MemorySegment elementStub() {
        try {
            return Linker.nativeLinker().upcallStub(
                    MethodHandles.lookup().findStatic(FfmCallbacks.class, "element",
                            MethodType.methodType(int.class, long.class, MemorySegment.class)),
                    ELEMENT_TYPE, Arena.global());
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new LinkageError("the FFM element upcall cannot be found", e);
        }
    }
}
