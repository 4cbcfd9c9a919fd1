package dev.gillab.experiment;

import dev.gillab.lock.Interpreter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs N simulated threads through one interpreter and measures them: the experiment at the
 * heart of every lesson, the Java twin of
 * {@code threads = [Thread(target=work) for ...]; start all; join all}.
 *
 * <p>Each thread is a platform thread named {@code prefix-i}. It waits at a start gate, then
 * attaches to the interpreter (taking the lock, as a new CPython thread does), runs
 * {@code body.accept(i)}, and detaches. The clock starts when the gate opens and stops when
 * the last thread has finished, so thread creation is not timed. Each thread's CPU time is
 * read from its own CPU clock, which lets tests compare CPU time to wall time instead of
 * trusting wall time alone on a noisy machine.
 *
 * <p>A failure in any thread fails the run with that exception. A run that does not finish
 * within its time limit fails with a dump of every thread's stack: a deadlock is a bug to
 * see, not a hang.
 */
public final class ThreadedRun {

    /** The longest any one run may take before it is declared hung. */
    public static final Duration TIME_LIMIT = Duration.ofMinutes(3);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadedRun() {
    }

    /** Runs {@code body} on {@code threads} attached threads named {@code prefix-0}, {@code prefix-1}, ... */
    public static Measurement run(Interpreter interpreter, int threads, String prefix, IntConsumer body) {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicLong cpuNanos = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            int index = i;
            Runnable attachedBody = interpreter.attached(() -> body.accept(index));
            workers.add(Thread.ofPlatform().name(prefix + "-" + i).start(() -> {
                try {
                    gate.await();
                    long cpuStart = THREADS.getCurrentThreadCpuTime();
                    attachedBody.run();
                    cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        long start = System.nanoTime();
        gate.countDown();
        long deadline = start + TIME_LIMIT.toNanos();
        for (Thread w : workers) {
            joinBefore(w, deadline);
        }
        long wall = System.nanoTime() - start;
        Throwable t = failure.get();
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException("a thread of the run failed", t);
        }
        return new Measurement(threads, wall, cpuNanos.get(), interpreter.stats(), interpreter.trace());
    }

    private static void joinBefore(Thread worker, long deadlineNanos) {
        try {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || !worker.join(Duration.ofNanos(left))) {
                throw new IllegalStateException("run did not finish within " + TIME_LIMIT + ": thread dump follows\n"
                        + threadDump());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the run's threads", e);
        }
    }

    private static String threadDump() {
        StringBuilder b = new StringBuilder();
        for (ThreadInfo info : THREADS.dumpAllThreads(true, true)) {
            b.append(info);
        }
        return b.toString();
    }
}
