package dev.gillab.binding.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.gillab.binding.Binding;
import dev.gillab.binding.CallbackScope;
import dev.gillab.binding.Callbacks;
import dev.gillab.binding.NativeLibrary;
import java.util.function.LongUnaryOperator;

/**
 * The callbacks through JNA interface mapping: {@code gillab_sum_of_callbacks} is given a
 * {@link JnaLibrary.ElementCallback}, for which JNA makes a C function pointer that, on each
 * call, boxes the arguments and invokes {@link Element#invoke} by reflection: the most
 * convenient callback and by far the slowest.
 *
 * <p>One callback object serves every call, held in a static field for the life of the JVM
 * (JNA frees a callback's native closure once the Java object is collected); the function of
 * the current call is found through {@link CallbackScope}. JNA would catch an exception that
 * escaped {@link Element#invoke}, print it and return 0 ("go on") to C, which is why the
 * callback catches it first and returns {@code STOP}.
 */
public final class JnaCallbacks implements Callbacks {

    private static final JnaLibrary.ElementCallback ELEMENT = new Element();

    private final JnaLibrary lib = Native.load(NativeLibrary.file().toString(), JnaLibrary.class);

    @Override
    public String name() {
        return Binding.JNA.id();
    }

    @Override
    public long sumOfCallbacks(long count, LongUnaryOperator fn) {
        return CallbackScope.run(fn, () -> lib.gillab_sum_of_callbacks(count, ELEMENT));
    }

    /** The callback: element i's value into {@code *value}; any exception becomes {@code STOP}. */
    private static final class Element implements JnaLibrary.ElementCallback {
        @Override
        public int invoke(long i, Pointer value) {
            try {
                value.setLong(0, CallbackScope.element(i));
                return CallbackScope.GO_ON;
            } catch (Throwable t) {
                return CallbackScope.stop(t);
            }
        }
    }
}
