package dev.gillab.stdlib;

import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.kernel.Kernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * {@code concurrent.futures.InterpreterPoolExecutor} (PEP 734, Python 3.14; per-interpreter locks
 * since PEP 684, 3.12): a pool of workers in one process, each running in an interpreter of its
 * own, with a lock of its own.
 *
 * <p>Each worker is a platform thread attached to its own {@link Interpreter}: nobody else
 * contends for that lock, so the workers' interpreted code runs in parallel, as a
 * {@link ProcessPool}'s does, but without starting processes. What interpreters do not share is
 * objects: a task's arguments and its result cross from one interpreter to another by copying,
 * as {@code InterpreterPoolExecutor} pickles them, and here with the same encoding that a
 * {@link ProcessPool} sends through its pipes ({@link PoolProtocol}): the task is encoded in the
 * caller, decoded in the worker's interpreter, run there on interpreted kernels, and its result
 * encoded there and decoded in the caller. The bytes are handed over in memory, through a queue,
 * where a process pool writes them to a pipe and reads them in another process.
 *
 * <p>A {@link SharedTask} is the other way across: its arguments are {@link Shareable} (buffers,
 * queues, immutable values) and cross without being encoded, as {@code InterpreterPoolExecutor}
 * sends shareable arguments without pickling them; a task on {@link SharedBuffer}s copies nothing.
 *
 * <p>The workers take tasks from one queue, the next idle worker first. Each warms its kernels up
 * before the pool is ready, as a process pool's workers do, so the two pools start from the same
 * compiled code.
 */
public final class InterpreterPool implements AutoCloseable {

    /** The most workers a pool may have. */
    public static final int MAX_WORKERS = 64;

    /**
     * A task for a worker: an encoded request ({@link PoolTask}) or a shared task, and where the
     * worker puts its answer.
     */
    private record Job(PoolProtocol.Request request, SharedTask<?> shared, CompletableFuture<Answer> answer) {
    }

    /**
     * A worker's reply (its payload empty for a shared task), the shared task's result, which
     * worker made it, and when it took the task from the queue.
     */
    private record Answer(int worker, PoolProtocol.Reply reply, Object sharedResult, long takenAtNanos) {
    }

    /** Tells a worker to leave. */
    private static final Job STOP = new Job(null, null, null);
    private static final byte[] NO_PAYLOAD = new byte[0];

    private final LinkedBlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Interpreter> interpreters = new ArrayList<>();
    private volatile boolean closed;

    private InterpreterPool() {
    }

    /**
     * Starts {@code workers} workers, each in a new interpreter whose lock is in {@code mode}, and
     * returns once every one has made {@code warmUpCalls} short calls of each kernel.
     *
     * @throws IllegalArgumentException if {@code workers} is not in 1..{@value #MAX_WORKERS} or
     *                                  {@code warmUpCalls} is negative
     */
    public static InterpreterPool start(int workers, LockMode mode, int warmUpCalls) {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be in 1.." + MAX_WORKERS + ", was " + workers);
        }
        if (warmUpCalls < 0) {
            throw new IllegalArgumentException("warm-up calls must be >= 0, was " + warmUpCalls);
        }
        Objects.requireNonNull(mode, "mode");
        InterpreterPool pool = new InterpreterPool();
        CountDownLatch ready = new CountDownLatch(workers);
        for (int w = 0; w < workers; w++) {
            Interpreter interpreter = Interpreter.create(mode);
            pool.interpreters.add(interpreter);
            int index = w;
            pool.threads.add(Thread.ofPlatform().name("interpreter-worker-" + w).daemon(true)
                    .start(interpreter.attached(() -> pool.serve(index, interpreter, warmUpCalls, ready))));
        }
        try {
            ready.await();
        } catch (InterruptedException e) {
            pool.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the interpreter pool started", e);
        }
        return pool;
    }

    /** The workers' interpreters, one each: their statistics say what each lock saw. */
    public List<Interpreter> interpreters() {
        return List.copyOf(interpreters);
    }

    /**
     * {@code executor.submit}: queues {@code task} for the next idle worker. Its arguments are
     * copied now, before this returns.
     *
     * @throws IllegalStateException if the pool is closed
     */
    public <R> CompletableFuture<PoolResult<R>> submit(PoolTask<R> task) {
        Objects.requireNonNull(task, "task");
        checkOpen();
        long start = System.nanoTime();
        PoolProtocol.Request request = PoolProtocol.encode(task);
        long encodeNanos = System.nanoTime() - start;
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        jobs.add(new Job(request, null, answer));
        return answer.thenApply(a -> result(task, request, a, encodeNanos));
    }

    /**
     * {@code executor.submit(fn, *shareable_args)}: queues {@code task}, whose arguments cross
     * without a copy, for the next idle worker; its result crosses back by {@link Shareable#cross}.
     * The {@link PoolResult} counts no bytes sent or received.
     *
     * @throws IllegalStateException if the pool is closed
     */
    public <R> CompletableFuture<PoolResult<R>> submit(SharedTask<R> task) {
        Objects.requireNonNull(task, "task");
        checkOpen();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        jobs.add(new Job(null, task, answer));
        return answer.thenApply(a -> sharedResult(task, a));
    }

    /**
     * {@code executor.map}: runs every task and returns the results in the order of the tasks;
     * a task that fails fails the map with its exception.
     *
     * @throws IllegalStateException if they do not finish within {@code limit}
     */
    public <R> List<PoolResult<R>> map(List<? extends PoolTask<R>> tasks, Duration limit) {
        return PoolFutures.awaitAll(tasks.stream().map(this::submit).toList(), limit, () -> { }, "");
    }

    /** {@link #map} of shared tasks: nothing is copied across. */
    public <R> List<PoolResult<R>> mapShared(List<? extends SharedTask<R>> tasks, Duration limit) {
        return PoolFutures.awaitAll(tasks.stream().map(this::submit).toList(), limit, () -> { }, "");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the interpreter pool is closed");
        }
    }

    /** {@code executor.shutdown(wait=True)}: lets queued tasks finish, then ends every worker. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        threads.forEach(t -> jobs.add(STOP));
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A worker: warm up, then answer jobs in its own interpreter until told to stop. */
    private void serve(int index, Interpreter interpreter, int warmUpCalls, CountDownLatch ready) {
        Kernels kernels = KernelsUnderLock.interpreted(interpreter);
        try {
            ProcessPoolWorker.warmUp(kernels, warmUpCalls);
        } finally {
            ready.countDown();
        }
        while (true) {
            Job job;
            try {
                job = interpreter.blocking(jobs::take); // an idle worker waits with its lock released
            } catch (InterruptedException e) {
                return;
            }
            if (job == STOP) {
                return;
            }
            job.answer.complete(answer(index, interpreter, kernels, job));
        }
    }

    /** Runs {@code job} in the worker's interpreter: decoding and encoding a pool task, crossing a shared one. */
    private static Answer answer(int index, Interpreter interpreter, Kernels kernels, Job job) {
        long takenAt = System.nanoTime();
        if (job.shared == null) {
            return new Answer(index, ProcessPoolWorker.answer(interpreter, kernels, job.request), null, takenAt);
        }
        Object[] crossed = new Object[1];
        PoolProtocol.Reply reply = ProcessPoolWorker.timed(interpreter, () -> job.shared.run(kernels, interpreter),
                result -> {
                    crossed[0] = Shareable.cross(result);
                    return NO_PAYLOAD;
                });
        return new Answer(index, reply, crossed[0], takenAt);
    }

    @SuppressWarnings("unchecked") // the worker ran this very task, whose result is an R
    private static <R> PoolResult<R> sharedResult(SharedTask<R> task, Answer answer) {
        PoolProtocol.Reply reply = checked(task, answer);
        long roundTrip = System.nanoTime() - answer.takenAtNanos();
        return new PoolResult<>((R) answer.sharedResult(), answer.worker(), 0, 0, roundTrip, reply.cpuNanos(),
                reply.computeNanos(), reply.switches(), reply.forcedDrops(), reply.lockWaitNanos());
    }

    private static PoolProtocol.Reply checked(Object task, Answer answer) {
        PoolProtocol.Reply reply = answer.reply();
        if (reply.status() != PoolProtocol.OK) {
            throw new IllegalStateException("task " + task + " failed in interpreter worker " + answer.worker()
                    + ":\n" + reply.failureText());
        }
        return reply;
    }

    /**
     * The round trip counts the caller's encoding and everything from the worker taking the task
     * to its result decoded here, and not the time the task waited in the queue for a free
     * worker, as a process pool's counts from the task's dispatch to its worker.
     */
    private static <R> PoolResult<R> result(PoolTask<R> task, PoolProtocol.Request request, Answer answer,
                                            long encodeNanos) {
        PoolProtocol.Reply reply = checked(task, answer);
        R value;
        try {
            value = PoolProtocol.decodeResult(task, reply.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PoolResult<>(value, answer.worker(), request.payload().length, reply.payload().length,
                encodeNanos + System.nanoTime() - answer.takenAtNanos(), reply.cpuNanos(), reply.computeNanos(),
                reply.switches(), reply.forcedDrops(), reply.lockWaitNanos());
    }
}
