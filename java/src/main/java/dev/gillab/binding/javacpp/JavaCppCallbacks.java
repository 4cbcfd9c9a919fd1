package dev.gillab.binding.javacpp;

import dev.gillab.binding.Binding;
import dev.gillab.binding.CallbackScope;
import dev.gillab.binding.Callbacks;
import java.util.function.LongUnaryOperator;

/**
 * The callbacks through JavaCPP's generated JNI glue: {@code gillab_sum_of_callbacks} is
 * given a {@link JavaCppLibrary.ElementCallback}, a {@code FunctionPointer} whose C function
 * calls its Java {@code call} method with {@code CallIntMethod}, wrapping the {@code int64_t *}
 * in a new {@code LongPointer} on every call.
 *
 * <p>One function pointer serves every call, held in a static field for the life of the JVM
 * (JavaCPP frees an instance's slot, of ten per class by default, when it is deallocated);
 * the function of the current call is found through {@link CallbackScope}.
 */
public final class JavaCppCallbacks implements Callbacks {

    private static final JavaCppLibrary.ElementCallback ELEMENT = new JavaCppLibrary.ElementCallback();

    public JavaCppCallbacks() {
        JavaCppLibrary.load();
    }

    @Override
    public String name() {
        return Binding.JAVACPP.id();
    }

    @Override
    public long sumOfCallbacks(long count, LongUnaryOperator fn) {
        return CallbackScope.run(fn, () -> JavaCppLibrary.sumOfCallbacks(count, ELEMENT));
    }
}
