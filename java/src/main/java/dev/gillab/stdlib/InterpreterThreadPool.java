package dev.gillab.stdlib;

import dev.gillab.experiment.ThreadedRun;
import dev.gillab.lock.EnsuredRegion;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.ReleasedCall;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A fixed pool of worker threads attached to one {@link Interpreter}: the Java twin of
 * {@code multiprocessing.pool.ThreadPool}. The workers share the interpreter's lock, so tasks
 * that hold it (interpreted code) take turns, and tasks that release it (a native call inside
 * {@link Interpreter#callReleased}) run in parallel.
 *
 * <h2>How a worker lives</h2>
 *
 * A worker is a platform thread made by this pool's thread factory. It attaches to the
 * interpreter when it starts, as every thread CPython creates does, and detaches when the pool
 * closes: after the executor's loop has returned, so the executor counts it terminated before it
 * has detached. {@link #close()} therefore joins the worker threads themselves once the executor
 * has terminated, and returns only when every worker has detached and ended ({@code pool.join()}
 * joins the worker threads too). Between tasks it waits for the next one with the lock released: ThreadPool's workers
 * block in {@code inqueue.get()}, which releases the GIL. It runs each task holding the lock
 * ({@link Interpreter#ensure()}), because a task is Python code until it releases the lock
 * itself:
 * <pre>
 *   attach, release   [wait for a task]   ensure: task holds the lock, close   [wait]   ...   re-take, detach
 * </pre>
 * A thread that submits work and then waits for results waits with the lock released too (if
 * it holds it), as {@code AsyncResult.get()} and {@code map} do; otherwise the workers could
 * never take the lock from it.
 *
 * <h2>The API, next to ThreadPool's</h2>
 * <table>
 *   <caption>ThreadPool and this pool</caption>
 *   <tr><th>{@code multiprocessing.pool.ThreadPool}</th><th>here</th></tr>
 *   <tr><td>{@code ThreadPool(4)}</td><td>{@code new InterpreterThreadPool(interpreter, 4, "pool")}</td></tr>
 *   <tr><td>{@code pool.apply_async(f, args)} / {@code .get()}</td><td>{@link #submit} / {@link #await}</td></tr>
 *   <tr><td>{@code pool.map(f, items)}</td><td>{@link #map}: results in the order of the items</td></tr>
 *   <tr><td>{@code pool.close(); pool.join()}, {@code with ThreadPool(4) as pool:}</td><td>{@link #close()},
 *   try-with-resources</td></tr>
 * </table>
 *
 * <p>Built on a {@link ThreadPoolExecutor} with a fixed number of threads, all started by the
 * constructor. The pool also adds up the CPU time its workers spend in tasks
 * ({@link #taskCpuNanos()}), from each thread's own CPU clock: CPU time over wall time says how
 * many tasks really ran at once.
 */
public final class InterpreterThreadPool implements AutoCloseable {

    /** The most workers a pool may have, as for a lesson's threads. */
    public static final int MAX_WORKERS = 256;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Interpreter interpreter;
    private final ThreadPoolExecutor executor;
    /** Every worker thread the factory made: what {@link #close()} joins. */
    private final List<Thread> workerThreads = new CopyOnWriteArrayList<>();
    private final LongAdder taskCpuNanos = new LongAdder();

    /**
     * Starts {@code workers} threads named {@code name-0}, {@code name-1}, ..., each attached to
     * {@code interpreter} until the pool closes, and returns once all of them are attached and
     * waiting for work (with the lock released if the caller holds it, so that they can attach).
     */
    public InterpreterThreadPool(Interpreter interpreter, int workers, String name) {
        this(interpreter, workers, name, () -> { });
    }

    /**
     * As the public constructor, with {@code afterWorkerLoop} run by each worker between the
     * executor's loop returning and the worker detaching: a test's way to hold a worker there.
     */
    InterpreterThreadPool(Interpreter interpreter, int workers, String name, Runnable afterWorkerLoop) {
        this.interpreter = Objects.requireNonNull(interpreter, "interpreter");
        Objects.requireNonNull(name, "name");
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be in 1.." + MAX_WORKERS + ", was " + workers);
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch attached = new CountDownLatch(workers);
        ThreadFactory attachedWorkers = workerLoop -> {
            Thread worker = Thread.ofPlatform().name(name + "-" + next.getAndIncrement())
                    .daemon(true).unstarted(interpreter.attached(() -> interpreter.runReleased(() -> {
                        attached.countDown();
                        workerLoop.run();
                        afterWorkerLoop.run();
                    })));
            workerThreads.add(worker);
            return worker;
        };
        this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                attachedWorkers);
        executor.prestartAllCoreThreads();
        boolean ready;
        try {
            ready = waitReleased(() -> attached.await(ThreadedRun.TIME_LIMIT.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the pool's workers", e);
        }
        if (!ready) {
            executor.shutdownNow();
            throw new IllegalStateException("the pool's workers did not attach within " + ThreadedRun.TIME_LIMIT);
        }
    }

    /** The interpreter the workers are attached to. */
    public Interpreter interpreter() {
        return interpreter;
    }

    /** How many worker threads the pool has. */
    public int workers() {
        return executor.getCorePoolSize();
    }

    /** {@code apply_async}: queues {@code task}, which will run on a worker holding the lock. */
    public <R> Future<R> submit(Callable<R> task) {
        Objects.requireNonNull(task, "task");
        return executor.submit(() -> runHoldingTheLock(task));
    }

    /**
     * {@code map}: applies {@code function} to every item on the workers and returns the results
     * in the order of the items. Waits with the lock released if the caller holds it. A failing
     * task fails the whole map with its exception, and the other tasks are cancelled.
     *
     * @throws IllegalStateException if the tasks do not finish within {@link ThreadedRun#TIME_LIMIT}
     */
    public <T, R> List<R> map(Function<? super T, ? extends R> function, List<? extends T> items) {
        Objects.requireNonNull(function, "function");
        List<Future<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(submit(() -> function.apply(item)));
        }
        return await(futures);
    }

    /**
     * {@code AsyncResult.get()} for several results: waits for all of them (with the lock
     * released if the caller holds it) and returns them in order.
     *
     * @throws IllegalStateException if they do not finish within {@link ThreadedRun#TIME_LIMIT}
     */
    public <R> List<R> await(List<Future<R>> futures) {
        return waitReleased(() -> PoolFutures.awaitAll(futures, ThreadedRun.TIME_LIMIT, () -> { }, ""));
    }

    /** CPU time the workers have spent running tasks since the pool started, summed, in nanoseconds. */
    public long taskCpuNanos() {
        return taskCpuNanos.sum();
    }

    /**
     * {@code close(); join()}: lets the queued tasks finish, then the workers take the lock a
     * last time and detach; returns once every worker thread has ended. Waits with the lock
     * released if the caller holds it.
     *
     * @throws IllegalStateException if the workers do not finish within {@link ThreadedRun#TIME_LIMIT}
     *                               (they are interrupted first)
     */
    @Override
    public void close() {
        executor.shutdown();
        boolean finished;
        try {
            finished = waitReleased(this::awaitWorkersEnded);
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing the pool", e);
        }
        if (!finished) {
            executor.shutdownNow();
            throw new IllegalStateException("the pool's workers did not finish within " + ThreadedRun.TIME_LIMIT);
        }
    }

    /** Waits for the executor to terminate, then for every worker thread to end (after its detach). */
    private boolean awaitWorkersEnded() throws InterruptedException {
        long deadline = System.nanoTime() + ThreadedRun.TIME_LIMIT.toNanos();
        if (!executor.awaitTermination(ThreadedRun.TIME_LIMIT.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        for (Thread worker : workerThreads) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !worker.join(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    /** Runs a wait with the lock released if the calling thread holds it, so that the workers can take it. */
    private <T, X extends Exception> T waitReleased(ReleasedCall<T, X> wait) throws X {
        return interpreter.holdsLock() ? interpreter.blocking(wait) : wait.call();
    }

    private <R> R runHoldingTheLock(Callable<R> task) throws Exception {
        try (EnsuredRegion _ = interpreter.ensure()) {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            try {
                return task.call();
            } finally {
                taskCpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpuStart);
            }
        }
    }
}
