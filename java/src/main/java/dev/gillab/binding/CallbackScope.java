package dev.gillab.binding;

import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * The Java end of a native call that calls back: which function the calling thread's
 * {@code gillab_sum_of_callbacks} is calling, and what it threw. Every native binding's
 * {@link Callbacks} runs its downcall inside {@link #run}, and every binding's C callback is
 * the same guard:
 *
 * <pre>{@code
 * int element(long i, <the binding's int64_t *>) {
 *     try {
 *         <store> CallbackScope.element(i);        // the user's function
 *         return CallbackScope.GO_ON;
 *     } catch (Throwable t) {
 *         return CallbackScope.stop(t);            // record it, tell C to stop
 *     }
 * }
 * }</pre>
 *
 * C stops at the first {@link #STOP} ({@code gillab.h}) and returns; {@link #run} then
 * rethrows the recorded exception, the very object the function threw, with its stack trace
 * through the callback. A throwing function therefore never crashes the JVM, never unwinds
 * through C frames, and never leaves C running on with a value it did not get.
 *
 * <h2>Why each binding needs the guard: what it does with an exception it is left with</h2>
 * Tried on JDK 25, JNA 5.19 and JavaCPP 1.5.14, with the guard taken out and a function that
 * throws:
 * <ul>
 *   <li><b>FFM</b> ({@code Linker.upcallStub}): an exception that escapes an upcall cannot be
 *       handled. The JVM prints its stack trace and "Unrecoverable uncaught exception
 *       encountered. The VM will now exit", and the whole process ends with exit status 1
 *       (the {@code Linker} documentation: an upcall's target must not throw).</li>
 *   <li><b>JNA</b> ({@code com.sun.jna.Callback}): JNA catches the exception and hands it to
 *       {@code Native.getCallbackExceptionHandler()}, whose default logs "JNA: Callback ...
 *       threw the following exception" as a {@code java.util.logging} warning; the callback
 *       then returns 0 to C, which here means "go on". C kept calling for every remaining
 *       element and the caller got a sum (0+1+0+3+4 = 8) with no sign that anything failed.</li>
 *   <li><b>JavaCPP</b> ({@code FunctionPointer}): the generated glue clears the pending Java
 *       exception and throws a C++ {@code JavaCPP_exception} carrying its {@code toString()}
 *       out of the callback. That unwinds through the C frames of
 *       {@code gillab_sum_of_callbacks}, skipping whatever they had left to do (it works only
 *       because GCC emits unwind tables for C on x86-64; without them the C++ runtime aborts
 *       the process), and the outer method's glue turns it into a plain
 *       {@code RuntimeException} with that message: the exception's type, cause and stack
 *       trace are lost.</li>
 * </ul>
 *
 * <h2>One C function pointer per binding, one scope per call</h2>
 * Each binding makes its C function pointer once (an upcall stub, a JNA callback, a JavaCPP
 * function pointer, all held for the life of the JVM) and the pointer finds the function of
 * the current call here, through a thread-local stack of scopes: a nested call pushes its
 * scope and pops it on the way out, and calls on other threads see their own. The C side
 * calls back on the calling thread only ({@code gillab.h}), so the thread-local is always the
 * right one. Making a pointer per call instead would cost far more than a thread-local read
 * (an FFM upcall stub is generated code) and, with JavaCPP, would be a crash waiting to
 * happen: its glue has ten C trampolines per function-pointer class by default, and an
 * eleventh live instance gets a NULL function pointer.
 */
public final class CallbackScope {

    /** What a callback returns to let C go on ({@code GILLAB_GO_ON}). */
    public static final int GO_ON = 0;
    /** What a callback returns to stop C's loop ({@code GILLAB_STOP}). */
    public static final int STOP = 1;

    private static final ThreadLocal<CallbackScope> CURRENT = new ThreadLocal<>();

    private final LongUnaryOperator fn;
    /** The scope this one is nested in, on the same thread, or null. */
    private final CallbackScope outer;
    /** What {@link #fn} threw; written and read by the owning thread only. */
    private Throwable failure;

    private CallbackScope(LongUnaryOperator fn, CallbackScope outer) {
        this.fn = fn;
        this.outer = outer;
    }

    /**
     * Runs {@code nativeCall} with {@code fn} as the calling thread's element function and
     * returns its result, or throws what {@code fn} threw once {@code nativeCall} has returned.
     */
    public static long run(LongUnaryOperator fn, LongSupplier nativeCall) {
        CallbackScope scope = new CallbackScope(fn, CURRENT.get());
        CURRENT.set(scope);
        long result;
        try {
            result = nativeCall.getAsLong();
        } finally {
            if (scope.outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(scope.outer);
            }
        }
        if (scope.failure != null) {
            throw CallbackScope.<RuntimeException>rethrow(scope.failure);
        }
        return result;
    }

    /**
     * Throws {@code t} itself, whatever its type: a {@link LongUnaryOperator} declares no
     * checked exception, but one can still be thrown through it, and the caller should get
     * the object that was thrown, as it would from a plain Java loop.
     */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * For a binding's callback: element {@code i}'s value from the function of the calling
     * thread's innermost {@link #run}. Throws whatever that function throws.
     */
    public static long element(long i) {
        CallbackScope scope = CURRENT.get();
        if (scope == null) {
            throw new IllegalStateException("a callback for element " + i + " arrived on thread '"
                    + Thread.currentThread().getName() + "', which is not inside a call that calls back");
        }
        return scope.fn.applyAsLong(i);
    }

    /**
     * For a binding's callback, in its {@code catch (Throwable)}: records {@code t} for
     * {@link #run} to rethrow and returns {@link #STOP}. Never throws.
     */
    public static int stop(Throwable t) {
        CallbackScope scope = CURRENT.get();
        if (scope != null && scope.failure == null) {
            scope.failure = t;
        }
        return STOP;
    }
}
