package dev.gillab.experiment;

import dev.gillab.lock.Interpreter;
import dev.gillab.stdlib.IoBody;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One new thread per task, each attached to the interpreter for its task, through
 * {@link Executors#newThreadPerTaskExecutor}: what starting a {@code threading.Thread} per job
 * costs, on platform threads or on virtual ones.
 *
 * <p>Unlike a {@link ThreadedRun}, the clock starts before the first thread is created, since
 * creating them is part of what is measured; the CPU time is the whole process's. Besides the
 * time it records the most platform threads alive in the JVM, the most tasks attached at once,
 * and the most threads seen waiting for the interpreter lock (sampled as each task starts and
 * ends). A task's failure fails the run; tasks still running after {@link ThreadedRun#TIME_LIMIT}
 * are interrupted and fail it too.
 */
public final class ThreadPerTaskRun {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * What one run measured.
     *
     * @param measurement         wall time from the first thread's creation to the last task's end, the
     *                            process's CPU time over it, the lock's statistics
     * @param creationNanos       the time to create and start every thread
     * @param peakPlatformThreads the most platform threads alive in the JVM at once
     * @param peakAttached        the most tasks attached to the interpreter at once
     * @param peakWaiters         the most threads seen waiting for the interpreter lock at once
     */
    public record Result(Measurement measurement, long creationNanos, int peakPlatformThreads, int peakAttached,
                         int peakWaiters) {

        /** The table row: the measurement's columns, the wall time in {@code delay}s, then what this run recorded. */
        public Row row(String label, long baselineWallNanos, Duration delay) {
            return Row.of(label, measurement, baselineWallNanos)
                    .with("wall/delay", String.format(Locale.ROOT, "%.2f", (double) measurement.wallNanos()
                            / delay.toNanos()))
                    .with("create ms", String.format(Locale.ROOT, "%.1f", creationNanos / 1e6))
                    .with("CPU ms", String.format(Locale.ROOT, "%.0f", measurement.cpuNanos() / 1e6))
                    .with("peak platform threads", Integer.toString(peakPlatformThreads))
                    .with("peak attached", Integer.toString(peakAttached))
                    .with("peak waiters", Integer.toString(peakWaiters));
        }
    }

    private ThreadPerTaskRun() {
    }

    /** The virtual-thread scheduler's parallelism: its number of carriers. */
    public static int carriers() {
        return Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
    }

    /** Runs {@code task.run(i)} for i in 0..tasks-1, each on a new thread from {@code builder}, attached. */
    public static Result run(Interpreter interpreter, Thread.Builder builder, int tasks, IoBody task) {
        if (tasks < 1) {
            throw new IllegalArgumentException("needs at least one task, was " + tasks);
        }
        Runnable[] bodies = new Runnable[tasks];
        AtomicInteger attached = new AtomicInteger();
        AtomicInteger peakAttached = new AtomicInteger();
        AtomicInteger peakWaiters = new AtomicInteger();
        for (int i = 0; i < tasks; i++) {
            int index = i;
            bodies[i] = interpreter.attached(() -> {
                peakAttached.accumulateAndGet(attached.incrementAndGet(), Math::max);
                peakWaiters.accumulateAndGet(interpreter.waiters(), Math::max);
                IoBody.unchecked(task).accept(index);
                peakWaiters.accumulateAndGet(interpreter.waiters(), Math::max);
                attached.decrementAndGet();
            });
        }
        List<Future<?>> futures = new ArrayList<>(tasks);
        THREADS.resetPeakThreadCount();
        long cpuStart = OS.getProcessCpuTime();
        long start = System.nanoTime();
        long created;
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(builder.factory())) {
            for (Runnable body : bodies) {
                futures.add(executor.submit(body));
            }
            created = System.nanoTime() - start;
            executor.shutdown();
            if (!executor.awaitTermination(ThreadedRun.TIME_LIMIT.toNanos(), TimeUnit.NANOSECONDS)) {
                executor.shutdownNow();
                throw new IllegalStateException("the tasks did not finish within " + ThreadedRun.TIME_LIMIT
                        + "; lock: " + interpreter);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the tasks", e);
        }
        long wall = System.nanoTime() - start;
        long cpu = OS.getProcessCpuTime() - cpuStart;
        futures.forEach(ThreadPerTaskRun::rethrowFailure);
        Measurement m = new Measurement(tasks, wall, cpu, interpreter.stats(), interpreter.trace());
        return new Result(m, created, THREADS.getPeakThreadCount(), peakAttached.get(), peakWaiters.get());
    }

    /** A finished task's exception, rethrown unchecked. */
    private static void rethrowFailure(Future<?> done) {
        try {
            done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a task failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
