package dev.gillab.binding.javacpp;

import dev.gillab.binding.CallbackScope;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.CriticalRegion;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.NoException;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * JavaCPP mapping of {@code gillab.h}. At build time the JavaCPP Maven plugin reads this
 * class, generates C++ JNI glue for each {@code native} method and compiles it into
 * {@code libjniJavaCppLibrary.so}, linked against {@code libgillab} (copied beside it, so
 * the jar carries both under {@code dev/gillab/binding/javacpp/<platform>/}).
 * {@link Loader#load()} extracts and loads them at run time.
 *
 * <p>Arrays: by default the glue copies Java arrays in and out
 * ({@code Get/Release<Type>ArrayElements}). The {@code ...Critical} methods are marked
 * {@link CriticalRegion}: the glue pins the arrays with {@code GetPrimitiveArrayCritical}
 * and passes the Java heap memory itself, with no copy, while holding off the garbage
 * collector for the length of the call.
 *
 * <p>Exceptions: by default the glue wraps each call in a C++ {@code try} / {@code catch (...)}
 * and checks afterwards whether to throw a Java exception. The {@code ...NoException} methods
 * are marked {@link NoException}: the glue calls the function and returns, nothing else. A C
 * function cannot throw, so both are correct here; only the call-overhead kernels
 * ({@code noop}, {@code add}) have the variant, to measure what the handling costs.
 *
 * <p>Callbacks: {@link ElementCallback} is a {@link FunctionPointer}; the glue gives each
 * instance a C function pointer that calls its Java {@code call} method through JNI.
 */
@Platform(include = "gillab.h", link = "gillab")
public final class JavaCppLibrary {

    static {
        Loader.load();
    }

    private JavaCppLibrary() {
    }

    /** Forces the static initialiser, and so the library load, to run. */
    static void load() {
        // the static initialiser has run when this returns
    }

    @Name("gillab_countdown")
    static native long countdown(long n);

    @Name("gillab_fib")
    static native long fib(int n);

    @Name("gillab_pi")
    static native double pi(long steps);

    @Name("gillab_matmul")
    static native void matmul(@Cast("const double*") double[] a, @Cast("const double*") double[] b, double[] c, int n);

    @Name("gillab_matmul")
    @CriticalRegion
    static native void matmulCritical(@Cast("const double*") double[] a, @Cast("const double*") double[] b, double[] c,
            int n);

    @Name("gillab_mandelbrot")
    static native void mandelbrot(int width, int height, int maxIter,
                                  double xMin, double xMax, double yMin, double yMax, @Cast("int32_t*") int[] out);

    @Name("gillab_mandelbrot")
    @CriticalRegion
    static native void mandelbrotCritical(int width, int height, int maxIter,
                                          double xMin, double xMax, double yMin, double yMax,
                                                  @Cast("int32_t*") int[] out);

    @Name("gillab_sha256")
    static native void sha256(@Cast("const uint8_t*") byte[] data, long length, @Cast("uint8_t*") byte[] digest);

    @Name("gillab_sha256")
    @CriticalRegion
    static native void sha256Critical(@Cast("const uint8_t*") byte[] data, long length,
            @Cast("uint8_t*") byte[] digest);

    @Name("gillab_primes")
    static native int primes(int limit);

    @Name("gillab_sum")
    static native double sum(@Cast("const double*") double[] values, long length);

    @Name("gillab_sum")
    @CriticalRegion
    static native double sumCritical(@Cast("const double*") double[] values, long length);

    /** Native memory the caller manages: the glue passes its address (plus its position), no copy. */
    @Name("gillab_sum")
    static native double sum(@Cast("const double*") DoublePointer values, long length);

    @Name("gillab_noop")
    static native void noop();

    @Name("gillab_noop")
    @NoException
    static native void noopNoException();

    @Name("gillab_add")
    static native int add(int a, int b);

    @Name("gillab_add")
    @NoException
    static native int addNoException(int a, int b);

    @Name("gillab_sleep_micros")
    static native int sleepMicros(long micros);

    @Name("gillab_sum_of_callbacks")
    static native long sumOfCallbacks(long count, @Cast("gillab_element_fn") ElementCallback fn);

    /**
     * {@code gillab_element_fn}: element i's value into {@code *value}, from the function of
     * the calling thread's {@link CallbackScope}; any exception becomes {@code STOP}, since the
     * glue would otherwise turn it into a C++ exception thrown through the C frames.
     */
    static final class ElementCallback extends FunctionPointer {

        static {
            Loader.load();
        }

        ElementCallback() {
            allocate();
        }

        private native void allocate();

        public @Cast("int32_t") int call(@Cast("int64_t") long i, @Cast("int64_t*") LongPointer value) {
            try {
                value.put(CallbackScope.element(i));
                return CallbackScope.GO_ON;
            } catch (Throwable t) {
                return CallbackScope.stop(t);
            }
        }
    }
}
