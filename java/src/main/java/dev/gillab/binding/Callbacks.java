package dev.gillab.binding;

import java.util.function.LongUnaryOperator;

/**
 * Native code that calls back into Java for every element: C's
 * {@code gillab_sum_of_callbacks} (see {@code native/include/gillab.h}) through each binding's
 * way of turning a Java function into a C function pointer, a JNA {@code Callback}, a JavaCPP
 * {@code FunctionPointer} or an FFM upcall stub. The analogue of a C library handed a Python
 * function through ctypes' {@code CFUNCTYPE}: each call is a trip from C back into the
 * runtime, and in CPython each one must take the interpreter lock
 * ({@code PyGILState_Ensure}) before it may run Python code.
 *
 * <h2>The contract, the same for every binding</h2>
 * <ul>
 *   <li>{@link #sumOfCallbacks} calls {@code fn} with 0, 1, ..., count-1, in that order, on
 *       the calling thread, and returns the sum of the results with {@code long} wrap-around.</li>
 *   <li>Bad input is rejected in Java before anything crosses into C: a negative count with
 *       {@link IllegalArgumentException}, a null {@code fn} with {@link NullPointerException}
 *       (see {@link CheckedCallbacks}).</li>
 *   <li>If {@code fn} throws, no further element is computed and the same exception object
 *       is thrown from {@code sumOfCallbacks} once the native call has returned: a throwing
 *       callback never crashes the JVM, never unwinds through C frames, and never leaves C
 *       running on. See {@link CallbackScope} for how, and why each binding needs it.</li>
 *   <li>Thread safe and reentrant: any number of threads may call at once, and {@code fn}
 *       may itself call {@code sumOfCallbacks}.</li>
 * </ul>
 * Obtain one from {@link Binding#callbacks()}; no binding type appears in this interface.
 */
public interface Callbacks {

    /**
     * A short name for reports, the binding family's: {@code "java"}, {@code "jna"}, {@code "javacpp"}, {@code "ffm"}.
     */
    String name();

    /**
     * The sum of {@code fn(i)} for i = 0 .. count-1, each computed by a call from native code
     * back into {@code fn}.
     *
     * @param count how many elements, {@code >= 0}
     * @param fn    the value of element i; whatever it throws is rethrown here
     */
    long sumOfCallbacks(long count, LongUnaryOperator fn);
}
