package dev.gillab.stdlib;

import dev.gillab.experiment.ThreadedRun;
import dev.gillab.lock.LockMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pool of worker JVMs, each with its own interpreter and its own lock: the Java twin of
 * {@code multiprocessing.Pool}. Pure interpreted code runs in parallel here, because no two
 * workers share a lock; the price is that every argument and every result is copied through a
 * pipe ({@link PoolProtocol}), and that each worker is a whole JVM to start.
 *
 * <h2>How it works</h2>
 * <ul>
 *   <li>{@link #start} launches the workers ({@link WorkerProcess}: this JVM, this class path,
 *       {@link ProcessPoolWorker} as main class) and returns once every one has warmed up its
 *       kernels and said hello, so that timing {@code start} times the start-up alone. One dispatcher thread per worker
 *       takes tasks from a shared queue, sends each to its worker and completes the task's
 *       future with the reply: an idle worker takes the next task, as in {@code Pool}.</li>
 *   <li>{@link #submit} is {@code apply_async}; {@link #map} is {@code map}, with a time limit.</li>
 *   <li>A worker that dies (crash, kill) fails the task it was running with a
 *       {@link WorkerDiedException} naming it, its exit status and its last stderr lines, and
 *       breaks the pool, as {@code concurrent.futures} does ({@code BrokenProcessPool}): every
 *       queued and later task fails with the same cause instead of waiting forever.</li>
 * </ul>
 *
 * <h2>No process outlives the pool</h2>
 * <ul>
 *   <li>{@link #close()} (try-with-resources, like {@code with Pool() as pool:}, which
 *       terminates) fails the tasks not started yet, closes every worker's stdin (a worker exits
 *       when its stdin ends), gives them {@link #STOP_GRACE} to finish the request in hand, then
 *       kills those still running, and returns once all are gone.</li>
 *   <li>A {@link #map} that runs out of time closes the pool before it throws.</li>
 *   <li>If this JVM dies without closing the pool, the workers' stdin ends with it; a worker in
 *       the middle of a long task notices its parent's exit within a few seconds (the JDK polls a
 *       process that is not its child) and halts ({@link ProcessPoolWorker}).</li>
 * </ul>
 */
public final class ProcessPool implements AutoCloseable {

    /** The most workers a pool may have: each is a JVM. */
    public static final int MAX_WORKERS = 64;
    /** How long the workers have to start and say hello. */
    public static final Duration START_LIMIT = Duration.ofSeconds(60);
    /** How long closing waits for a worker to exit by itself before killing it. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(2);
    /**
     * Short calls of each kernel a worker makes before it says hello, unless {@link #start(int,
     * LockMode, int)} asks for another number: enough for the JIT to compile the kernels whole.
     */
    public static final int WARM_UP_CALLS = 1_000;

    private final List<WorkerProcess> workers;
    private final List<Thread> dispatchers = new ArrayList<>();
    private final LinkedBlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    /** Set by the first worker death; fails every task after it. */
    private volatile WorkerDiedException broken;

    private ProcessPool(List<WorkerProcess> workers) {
        this.workers = List.copyOf(workers);
    }

    /**
     * Starts {@code workers} worker JVMs, each with an interpreter in {@code workerMode} and
     * {@link #WARM_UP_CALLS} warm-up calls, and returns once all of them are ready.
     *
     * @throws WorkerDiedException   if a worker ended before it was ready (its stderr says why)
     * @throws IllegalStateException if they were not all ready within {@link #START_LIMIT}
     */
    public static ProcessPool start(int workers, LockMode workerMode) {
        return start(workers, workerMode, WARM_UP_CALLS);
    }

    /**
     * Starts {@code workers} worker JVMs, each with an interpreter in {@code workerMode}, and
     * returns once all of them are ready: once each has made {@code warmUpCalls} short calls of
     * each kernel (0: none) and said hello.
     *
     * @throws WorkerDiedException   if a worker ended before it was ready (its stderr says why)
     * @throws IllegalStateException if they were not all ready within {@link #START_LIMIT}
     */
    public static ProcessPool start(int workers, LockMode workerMode, int warmUpCalls) {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be in 1.." + MAX_WORKERS + ", was " + workers);
        }
        Objects.requireNonNull(workerMode, "workerMode");
        if (warmUpCalls < 0) {
            throw new IllegalArgumentException("warmUpCalls must not be negative, was " + warmUpCalls);
        }
        List<WorkerProcess> launched = new ArrayList<>(workers);
        try {
            for (int i = 0; i < workers; i++) {
                launched.add(WorkerProcess.launch(i, workerMode, warmUpCalls));
            }
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            launched.forEach(w -> w.stop(now));
            throw e;
        }
        ProcessPool pool = new ProcessPool(launched);
        pool.startDispatchers();
        return pool;
    }

    private void startDispatchers() {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (WorkerProcess worker : workers) {
            CompletableFuture<Void> hello = new CompletableFuture<>();
            ready.add(hello);
            dispatchers.add(Thread.ofPlatform().name("pool-dispatcher-" + worker.index()).daemon(true)
                    .start(() -> dispatch(worker, hello)));
        }
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new))
                    .get(START_LIMIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            close();
            throw (RuntimeException) e.getCause();
        } catch (TimeoutException e) {
            close();
            throw new IllegalStateException("the pool's " + workers.size() + " workers were not ready within "
                    + START_LIMIT, e);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the pool", e);
        }
    }

    /** How many workers the pool started with. */
    public int workers() {
        return workers.size();
    }

    /** The workers' process ids, in order of worker index. */
    public List<Long> workerPids() {
        return workers.stream().map(WorkerProcess::pid).toList();
    }

    /**
     * {@code apply_async}: queues {@code task} for the next idle worker.
     *
     * @throws IllegalStateException if the pool is closed or broken
     */
    public <R> CompletableFuture<PoolResult<R>> submit(PoolTask<R> task) {
        Objects.requireNonNull(task, "task");
        failIfUnusable();
        Job<R> job = new Job<>(task, new CompletableFuture<>());
        queue.add(job);
        if (closed || broken != null) {
            failQueued(); // closed or broken while adding: no dispatcher may be left to take it
        }
        return job.result();
    }

    /** {@code map} within {@link ThreadedRun#TIME_LIMIT}. */
    public <R> List<PoolResult<R>> map(List<? extends PoolTask<R>> tasks) {
        return map(tasks, ThreadedRun.TIME_LIMIT);
    }

    /**
     * {@code map}: runs every task on the workers and returns the results in the order of the
     * tasks. A task that fails fails the map with its exception.
     *
     * @throws IllegalStateException if they do not finish within {@code limit}: the pool is then
     *                               closed, its workers stopped, before this throws
     */
    public <R> List<PoolResult<R>> map(List<? extends PoolTask<R>> tasks, Duration limit) {
        List<CompletableFuture<PoolResult<R>>> futures = new ArrayList<>(tasks.size());
        for (PoolTask<R> task : tasks) {
            futures.add(submit(task));
        }
        return PoolFutures.awaitAll(futures, limit, this::close, ": the pool was closed and its workers stopped");
    }

    /**
     * Terminates the pool: tasks not started fail, every worker is asked to exit and killed
     * after {@link #STOP_GRACE} if it has not, and this returns once all of them are gone.
     * Wait for the results you need first ({@link #map} does). Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        failQueued();
        workers.forEach(WorkerProcess::endInput);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        workers.forEach(w -> w.stop(deadline));
        for (Thread d : dispatchers) {
            d.interrupt();
            try {
                d.join(STOP_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One dispatcher's life: wait for its worker's hello, then run queued tasks on it until the pool ends. */
    private void dispatch(WorkerProcess worker, CompletableFuture<Void> hello) {
        try {
            worker.awaitHello();
            hello.complete(null);
        } catch (RuntimeException e) {
            hello.completeExceptionally(e);
            return;
        }
        while (!closed) {
            Job<?> job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (!runOn(worker, job)) {
                return;
            }
        }
    }

    /** Runs {@code job} on {@code worker}; returns false if the worker died. */
    private <R> boolean runOn(WorkerProcess worker, Job<R> job) {
        WorkerDiedException b = broken;
        if (closed || b != null) {
            job.result().completeExceptionally(unusable());
            return true;
        }
        try {
            job.result().complete(worker.run(job.task()));
            return true;
        } catch (WorkerDiedException e) {
            if (closed) {
                job.result().completeExceptionally(new IllegalStateException("the pool was closed while "
                        + job.task() + " ran on worker " + worker.index(), e));
            } else {
                broken = e;
                job.result().completeExceptionally(e);
                failQueued();
            }
            return false;
        } catch (RuntimeException e) {
            job.result().completeExceptionally(e);
            return true;
        }
    }

    private void failIfUnusable() {
        if (closed || broken != null) {
            throw unusable();
        }
    }

    private IllegalStateException unusable() {
        WorkerDiedException b = broken;
        return b != null
                ? new IllegalStateException("the pool is broken: " + b.getMessage(), b)
                : new IllegalStateException("the pool is closed");
    }

    private void failQueued() {
        for (Job<?> job; (job = queue.poll()) != null; ) {
            job.result().completeExceptionally(unusable());
        }
    }

    /** A queued task and the future of its result. */
    private record Job<R>(PoolTask<R> task, CompletableFuture<PoolResult<R>> result) {
    }
}
