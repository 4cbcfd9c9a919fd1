package dev.gillab.stdlib;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins for external programs: a converter started with {@code subprocess.Popen}
 * ({@link ProcessBuilder} in Java). Each program {@linkplain #start started} runs outside the
 * interpreter for a set time and then exits; its caller learns of the exit through the
 * {@link CountDownLatch} it was given, the analogue of {@code Popen.wait()} or of a
 * {@code threading.Event} set by the program's end.
 *
 * <p>Simulated in this JVM rather than forked, so that a run's timing does not depend on how
 * fast the machine starts processes: one daemon timer thread, attached to no interpreter, "ends"
 * each program when its time is up. The timer counts how many programs run at once, and the
 * {@linkplain #peakRunning() peak} says whether the callers overlapped them: a caller that held
 * the interpreter lock while it waited allowed only one program at a time.
 */
public final class SimulatedPrograms implements AutoCloseable {

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().daemon().name("simulated-programs").factory());
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();

    /**
     * Starts a program that runs for {@code runtime}; the latch opens when it has exited.
     *
     * @throws IllegalArgumentException if the runtime is negative
     * @throws java.util.concurrent.RejectedExecutionException after {@link #close()}
     */
    public CountDownLatch start(Duration runtime) {
        Objects.requireNonNull(runtime, "runtime");
        if (runtime.isNegative()) {
            throw new IllegalArgumentException("runtime must not be negative, was " + runtime);
        }
        CountDownLatch exited = new CountDownLatch(1);
        started.incrementAndGet();
        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
        timer.schedule(() -> {
            running.decrementAndGet();
            exited.countDown();
        }, runtime.toNanos(), TimeUnit.NANOSECONDS);
        return exited;
    }

    /** Programs started so far. */
    public int started() {
        return started.get();
    }

    /** Programs running now. */
    public int running() {
        return running.get();
    }

    /** The most programs that ran at once. */
    public int peakRunning() {
        return peak.get();
    }

    /** Stops the timer; programs still running never exit. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
