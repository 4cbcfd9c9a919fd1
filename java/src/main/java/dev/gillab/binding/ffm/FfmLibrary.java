package dev.gillab.binding.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.gillab.binding.NativeLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Downcall handles for {@code gillab.h}, made once with the FFM API (JEP 454). Every handle
 * is a {@code static final} so the JIT treats it as a constant and {@code invokeExact}
 * compiles to a direct call.
 *
 * <p>The {@code _CRITICAL} handles are linked {@link Linker.Option#critical(boolean) critical}:
 * the call skips the Java-to-native thread state transition. Those of the kernels that take
 * arrays (matmul, mandelbrot, sha256, sum) are linked {@code critical(true)}, which also lets
 * them take Java heap segments ({@code MemorySegment.ofArray}) directly, with no copy; those of
 * {@code noop} and {@code add}, which take no array, are linked {@code critical(false)}. Such a
 * call holds off safepoints, and so the garbage collector of every thread, until it returns:
 * meant for very short calls only. The long kernels keep the normal handles.
 */
final class FfmLibrary {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = SymbolLookup.libraryLookup(NativeLibrary.file(), Arena.global());

    static final MethodHandle COUNTDOWN = handle("gillab_countdown", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
    static final MethodHandle FIB = handle("gillab_fib", FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
    static final MethodHandle PI = handle("gillab_pi", FunctionDescriptor.of(JAVA_DOUBLE, JAVA_LONG));
    static final MethodHandle PRIMES = handle("gillab_primes", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle SLEEP_MICROS = handle("gillab_sleep_micros", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
    /** Never critical: a critical downcall must not call back into Java. */
    static final MethodHandle SUM_OF_CALLBACKS = handle("gillab_sum_of_callbacks",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS));

    private static final FunctionDescriptor MATMUL_TYPE = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS,
            JAVA_INT);
    private static final FunctionDescriptor MANDELBROT_TYPE = FunctionDescriptor.ofVoid(
            JAVA_INT, JAVA_INT, JAVA_INT, JAVA_DOUBLE, JAVA_DOUBLE, JAVA_DOUBLE, JAVA_DOUBLE, ADDRESS);
    private static final FunctionDescriptor SHA256_TYPE = FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, ADDRESS);
    private static final FunctionDescriptor SUM_TYPE = FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS, JAVA_LONG);
    private static final FunctionDescriptor NOOP_TYPE = FunctionDescriptor.ofVoid();
    private static final FunctionDescriptor ADD_TYPE = FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT);

    static final MethodHandle MATMUL = handle("gillab_matmul", MATMUL_TYPE);
    static final MethodHandle MANDELBROT = handle("gillab_mandelbrot", MANDELBROT_TYPE);
    static final MethodHandle SHA256 = handle("gillab_sha256", SHA256_TYPE);
    static final MethodHandle SUM = handle("gillab_sum", SUM_TYPE);
    static final MethodHandle NOOP = handle("gillab_noop", NOOP_TYPE);
    static final MethodHandle ADD = handle("gillab_add", ADD_TYPE);

    static final MethodHandle MATMUL_CRITICAL = handle("gillab_matmul", MATMUL_TYPE, Linker.Option.critical(true));
    static final MethodHandle MANDELBROT_CRITICAL = handle("gillab_mandelbrot", MANDELBROT_TYPE,
            Linker.Option.critical(true));
    static final MethodHandle SHA256_CRITICAL = handle("gillab_sha256", SHA256_TYPE, Linker.Option.critical(true));
    static final MethodHandle SUM_CRITICAL = handle("gillab_sum", SUM_TYPE, Linker.Option.critical(true));
    static final MethodHandle NOOP_CRITICAL = handle("gillab_noop", NOOP_TYPE, Linker.Option.critical(false));
    static final MethodHandle ADD_CRITICAL = handle("gillab_add", ADD_TYPE, Linker.Option.critical(false));

    private FfmLibrary() {
    }

    /** Forces the static initialiser, and so the library lookup, to run. */
    static void load() {
        // the static initialiser has run when this returns
    }

    private static MethodHandle handle(String symbol, FunctionDescriptor type, Linker.Option... options) {
        return LINKER.downcallHandle(
                LOOKUP.find(symbol).orElseThrow(() -> new UnsatisfiedLinkError(
                        "symbol " + symbol + " not found in " + NativeLibrary.file())),
                type, options);
    }

    /** invokeExact declares Throwable; a C function cannot throw, so anything here is a JVM error. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("native call failed", t);
    }
}
