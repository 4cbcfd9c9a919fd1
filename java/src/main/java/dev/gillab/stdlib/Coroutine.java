package dev.gillab.stdlib;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A body of code that can stop in the middle and be resumed later on the same thread: what a
 * Python coroutine is to asyncio, and what the JDK's virtual threads are built on.
 *
 * <p>{@link #resume()} runs the body on the calling thread until the body calls
 * {@link #suspend()} (Python's {@code await} of something not yet done) or ends; the next
 * {@code resume()} continues right after that {@code suspend()}, with every local variable as
 * it was. Nothing runs concurrently: the body runs only inside {@code resume()}, on the
 * resumer's thread, so a thread attached to an interpreter that resumes coroutines runs them
 * all holding its lock, as asyncio's loop thread runs every task holding the GIL.
 *
 * <p>The engine is the JDK's own one-shot delimited continuation,
 * {@code jdk.internal.vm.Continuation}, the mechanism under every virtual thread. It is not a
 * public API, so it is reached through method handles, and the JVM must export its package to
 * gillab: {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} (in the jar's manifest,
 * and in the test and benchmark JVMs' flags). A coroutine cannot suspend while a native frame is
 * on its stack (a native call, or a callback from C), just as a Python coroutine cannot await
 * from inside C code: {@link #suspend()} then throws.
 */
final class Coroutine {

    private static final Object SCOPE;
    private static final MethodHandle NEW;
    private static final MethodHandle RUN;
    private static final MethodHandle YIELD;
    private static final MethodHandle IS_DONE;
    private static final RuntimeException UNAVAILABLE;

    static {
        Object scope = null;
        MethodHandle create = null;
        MethodHandle run = null;
        MethodHandle yield = null;
        MethodHandle isDone = null;
        RuntimeException unavailable = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
            Class<?> continuation = Class.forName("jdk.internal.vm.Continuation");
            scope = lookup.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
                    .invoke("gillab-event-loop");
            create = lookup.findConstructor(continuation,
                    MethodType.methodType(void.class, scopeClass, Runnable.class));
            run = lookup.findVirtual(continuation, "run", MethodType.methodType(void.class));
            yield = lookup.findStatic(continuation, "yield", MethodType.methodType(boolean.class, scopeClass));
            isDone = lookup.findVirtual(continuation, "isDone", MethodType.methodType(boolean.class));
        } catch (Throwable t) {
            unavailable = new IllegalStateException("coroutines need the JVM flag --add-exports "
                    + "java.base/jdk.internal.vm=ALL-UNNAMED (./gillab and the gillab jar set it): " + t, t);
        }
        SCOPE = scope;
        NEW = create;
        RUN = run;
        YIELD = yield;
        IS_DONE = isDone;
        UNAVAILABLE = unavailable;
    }

    private final Object continuation;

    /** A coroutine that will run {@code body} from its first {@link #resume()}. */
    Coroutine(Runnable body) {
        if (UNAVAILABLE != null) {
            throw UNAVAILABLE;
        }
        try {
            continuation = NEW.invoke(SCOPE, body);
        } catch (Throwable t) {
            throw new IllegalStateException("could not create a coroutine", t);
        }
    }

    /** Runs the body until it suspends or ends. An exception the body throws propagates from here. */
    void resume() {
        try {
            RUN.invoke(continuation);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Whether the body has ended (returned or thrown). */
    boolean isDone() {
        try {
            return (boolean) IS_DONE.invoke(continuation);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Suspends the coroutine running on this thread: its {@link #resume()} returns, and the next
     * one continues from here. Called from outside any coroutine, or with a native frame on the
     * stack, it throws {@link IllegalStateException}.
     */
    static void suspend() {
        boolean suspended;
        try {
            suspended = (boolean) YIELD.invoke(SCOPE);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("await outside a task, or inside a native call: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (!suspended) {
            throw new IllegalStateException("a task cannot await here: its stack holds a native frame or a "
                    + "critical section (a coroutine cannot suspend inside C code)");
        }
    }
}
