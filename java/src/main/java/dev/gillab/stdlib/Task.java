package dev.gillab.stdlib;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code asyncio.Task}: a coroutine scheduled on an {@link EventLoop}, and the result it will
 * have. Created by {@link EventLoop#createTask}; awaited with {@link EventLoop#await}.
 *
 * @param <T> what the coroutine returns
 */
public final class Task<T> {

    private final String name;
    private final Coroutine coroutine;
    private final List<Task<?>> awaiters = new ArrayList<>();
    private boolean done;
    private T result;
    private Throwable failure;

    Task(String name, Supplier<T> body) {
        this.name = name;
        this.coroutine = new Coroutine(() -> {
            try {
                result = body.get();
            } catch (Throwable t) {
                failure = t;
            }
        });
    }

    /** {@code task.get_name()}. */
    public String name() {
        return name;
    }

    /** {@code task.done()}: whether the coroutine has returned or raised. */
    public boolean done() {
        return done;
    }

    /** Runs one step: from the start or the last await to the next await or the end. */
    void step() {
        coroutine.resume();
        done = coroutine.isDone();
    }

    /** Tasks waiting for this one, to be woken when it is done. */
    List<Task<?>> awaiters() {
        return awaiters;
    }

    /** {@code task.result()}: the value, or the exception the coroutine raised (unchecked as is, else wrapped). */
    T result() {
        if (!done) {
            throw new IllegalStateException("task " + name + " is not done");
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("task " + name + " failed", failure);
        }
        return result;
    }

    @Override
    public String toString() {
        return "Task " + name + (done ? " (done)" : "");
    }
}
