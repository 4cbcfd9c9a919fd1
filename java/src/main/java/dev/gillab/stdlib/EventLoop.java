package dev.gillab.stdlib;

import dev.gillab.lock.Interpreter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * asyncio's event loop ({@code Lib/asyncio/base_events.py}): one thread runs every task, a task
 * runs until it awaits, and nothing else runs while it does.
 *
 * <h2>The loop</h2>
 *
 * {@link #run} is {@code asyncio.run(main())}: the calling thread, attached to the interpreter
 * and holding its lock, becomes the loop thread and turns the loop until the main task is done.
 * Each turn is {@code BaseEventLoop._run_once}:
 * <ol>
 *   <li>Wait for events: the calls handed to worker threads that have finished. The wait lasts
 *       until the next timer is due (not at all if a task is ready to run, for ever if nothing
 *       is scheduled), and is made with the interpreter lock released, as {@code select()} /
 *       {@code epoll_wait()} release the GIL in CPython's {@code Modules/selectmodule.c}: even a
 *       busy loop lets other threads of the interpreter take the lock once per turn.</li>
 *   <li>Move every due timer to the ready queue, then run each task that was ready at the start
 *       of this step once: from where it last awaited to its next await, or its end. That run is
 *       asyncio's "callback"; one that takes {@link #SLOW_STEP} or longer is what asyncio's debug
 *       mode reports as {@code Executing <Task ...> took 0.105 seconds}, counted here
 *       ({@link Stats#slowSteps}).</li>
 * </ol>
 *
 * <h2>Tasks and awaits</h2>
 *
 * A task ({@link Task}) is a {@link Coroutine}: a body that the loop thread resumes and that
 * suspends itself at each await, with its stack kept. {@link #await}, {@link #sleep},
 * {@link #gather} and {@link #toThread} are {@code await task}, {@code await asyncio.sleep(d)},
 * {@code await asyncio.gather(...)} and {@code await asyncio.to_thread(f)}: each registers what
 * will wake the task (a finished task, a timer, a worker's completion) and suspends it. Tasks
 * therefore interleave only at their awaits, in the order they became ready; a task that blocks
 * ({@code Interpreter#sleep}, a blocking read) or computes stalls every other task for as long,
 * since the loop thread is busy with it.
 *
 * <h2>Worker threads</h2>
 *
 * {@link #toThread} runs a call on the loop's default executor: platform threads attached to the
 * same interpreter, at most {@code min(32, cores + 4)} of them, as
 * {@code concurrent.futures.ThreadPoolExecutor}'s default in {@code asyncio.to_thread}. The call
 * competes for the interpreter lock with the loop thread like any other thread: a blocking call
 * or a native call that releases the lock leaves the loop free, an interpreted CPU-bound call
 * takes the lock from the loop one switch interval at a time.
 */
public final class EventLoop {

    /** asyncio's {@code BaseEventLoop.slow_callback_duration}: 0.1 s. */
    public static final Duration SLOW_STEP = Duration.ofMillis(100);

    /**
     * What the loop did.
     *
     * @param steps          task steps run (asyncio's callbacks)
     * @param slowSteps      steps that took {@link #SLOW_STEP} or longer
     * @param longestStepNanos the longest step
     */
    public record Stats(long steps, long slowSteps, long longestStepNanos) {
    }

    /** A task waiting for a deadline; {@code order} keeps timers with one deadline first-come, first-served. */
    private record Timer(long deadline, long order, Task<?> task) {
    }

    private final Interpreter interpreter;
    private final Thread loopThread = Thread.currentThread();
    private final ArrayDeque<Task<?>> ready = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            (a, b) -> a.deadline != b.deadline ? Long.compare(a.deadline, b.deadline) : Long.compare(a.order, b.order));
    private final LinkedBlockingQueue<Task<?>> finishedInThreads = new LinkedBlockingQueue<>();
    private final ExecutorService executor;
    private long timerOrder;
    private int callsInThreads;
    private Task<?> current;
    private long steps;
    private long slowSteps;
    private long longestStepNanos;

    private EventLoop(Interpreter interpreter) {
        this.interpreter = interpreter;
        AtomicInteger workers = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.min(32, Runtime.getRuntime().availableProcessors() + 4),
                r -> Thread.ofPlatform().name("asyncio-worker-" + workers.getAndIncrement()).daemon(true).unstarted(r));
    }

    /**
     * {@code asyncio.run(main())}: runs {@code main} as the first task on a new loop, on the
     * calling thread, which must be attached to {@code interpreter}; returns its result once it
     * is done, after every call handed to a worker thread has finished. Tasks still waiting
     * then are dropped, never resumed (asyncio cancels them).
     *
     * @throws IllegalStateException if the calling thread is not attached, or if the main task
     *                               waits for something that can never come
     */
    public static <T> T run(Interpreter interpreter, Function<EventLoop, T> main) {
        if (!interpreter.holdsLock()) {
            throw new IllegalStateException("asyncio.run() needs a thread attached to the interpreter and holding "
                    + "its lock, as a Python thread is");
        }
        EventLoop loop = new EventLoop(interpreter);
        try {
            Task<T> first = loop.createTask("main", () -> main.apply(loop));
            while (!first.done()) {
                loop.turn();
            }
            return first.result();
        } finally {
            loop.shutDownExecutor();
        }
    }

    /** {@code loop.shutdown_default_executor()}: waits, lock released, for the worker threads' calls to end. */
    private void shutDownExecutor() {
        executor.shutdown();
        try {
            interpreter.blocking(() -> executor.awaitTermination(1, TimeUnit.DAYS));
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** {@code asyncio.create_task(coro)}: schedules {@code body} to run as a task soon. Loop thread only. */
    public <T> Task<T> createTask(String name, Supplier<T> body) {
        requireLoopThread("create_task()");
        Task<T> task = new Task<>(name, body);
        ready.add(task);
        return task;
    }

    /**
     * {@code await task}: suspends the current task until {@code task} is done; returns its result
     * or throws its exception.
     */
    public <T> T await(Task<T> task) {
        Task<?> me = requireTask("await");
        if (!task.done()) {
            task.awaiters().add(me);
            Coroutine.suspend();
        }
        return task.result();
    }

    /**
     * {@code await asyncio.gather(*tasks)}: the results in the order of {@code tasks}; the first
     * failure in that order propagates.
     */
    public <T> List<T> gather(List<Task<T>> tasks) {
        requireTask("gather");
        List<T> results = new ArrayList<>(tasks.size());
        for (Task<T> t : tasks) {
            results.add(await(t));
        }
        return results;
    }

    /** {@code await asyncio.sleep(delay)}: suspends the current task for {@code delay}; other tasks run meanwhile. */
    public void sleep(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a sleep cannot be negative: " + delay);
        }
        Task<?> me = requireTask("sleep");
        timers.add(new Timer(System.nanoTime() + delay.toNanos(), timerOrder++, me));
        Coroutine.suspend();
    }

    /**
     * {@code await asyncio.to_thread(call)}: runs {@code call} on a worker thread attached to the
     * interpreter and suspends the current task until it returns; returns its result or throws
     * its exception.
     */
    public <T> T toThread(Supplier<T> call) {
        Task<?> me = requireTask("to_thread");
        Object[] outcome = new Object[2];
        callsInThreads++;
        executor.execute(interpreter.attached(() -> {
            try {
                outcome[0] = call.get();
            } catch (Throwable t) {
                outcome[1] = t;
            } finally {
                finishedInThreads.add(me);
            }
        }));
        Coroutine.suspend();
        callsInThreads--;
        if (outcome[1] instanceof RuntimeException e) {
            throw e;
        }
        if (outcome[1] instanceof Error e) {
            throw e;
        }
        if (outcome[1] != null) {
            throw new IllegalStateException("the call in a worker thread failed", (Throwable) outcome[1]);
        }
        @SuppressWarnings("unchecked")
        T result = (T) outcome[0];
        return result;
    }

    /** The interpreter whose lock the loop thread holds while it runs tasks. */
    public Interpreter interpreter() {
        return interpreter;
    }

    /** What the loop has done so far. */
    public Stats stats() {
        return new Stats(steps, slowSteps, longestStepNanos);
    }

    /** One turn of the loop: wait for events (lock released), collect due timers, run what was ready. */
    private void turn() {
        long timeout = waitNanos();
        Task<?> woken;
        try {
            woken = interpreter.blocking(() -> timeout < 0 ? finishedInThreads.take()
                    : finishedInThreads.poll(timeout, TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the event loop's thread was interrupted");
        }
        if (woken != null) {
            ready.add(woken);
            finishedInThreads.drainTo(ready);
        }
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().deadline <= now) {
            ready.add(timers.poll().task);
        }
        for (int n = ready.size(); n > 0; n--) {
            runStep(ready.poll());
        }
    }

    /** How long the next wait for events may last: 0 if a task is ready, -1 for "until an event". */
    private long waitNanos() {
        if (!ready.isEmpty()) {
            return 0;
        }
        if (!timers.isEmpty()) {
            return Math.max(0, timers.peek().deadline - System.nanoTime());
        }
        if (callsInThreads == 0) {
            throw new IllegalStateException("the loop has nothing left to run, and its main task is not done: "
                    + "it awaits something that can never finish");
        }
        return -1;
    }

    private void runStep(Task<?> task) {
        current = task;
        long start = System.nanoTime();
        try {
            task.step();
        } finally {
            current = null;
        }
        long took = System.nanoTime() - start;
        steps++;
        longestStepNanos = Math.max(longestStepNanos, took);
        if (took >= SLOW_STEP.toNanos()) {
            slowSteps++;
        }
        if (task.done()) {
            ready.addAll(task.awaiters());
            task.awaiters().clear();
        }
    }

    private void requireLoopThread(String what) {
        if (Thread.currentThread() != loopThread) {
            throw new IllegalStateException(what + " belongs to the loop's thread (" + loopThread.getName()
                    + "), not " + Thread.currentThread().getName());
        }
    }

    private Task<?> requireTask(String what) {
        requireLoopThread(what);
        if (current == null) {
            throw new IllegalStateException(what + " can only be awaited inside a task");
        }
        if (!interpreter.holdsLock()) {
            throw new IllegalStateException(what + " inside a region that released the lock: a task awaits only "
                    + "in interpreted code, holding the lock");
        }
        return current;
    }
}
