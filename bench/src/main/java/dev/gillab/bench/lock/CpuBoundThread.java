package dev.gillab.bench.lock;

import dev.gillab.lock.Interpreter;
import java.time.Duration;

/**
 * A platform thread attached to an interpreter that runs interpreted code (an
 * {@link InterpretedLoop}) until stopped: the CPU-bound thread a benchmark's own thread
 * competes with for the lock. It is not a JMH thread, so it never waits at JMH's barriers and
 * may hold the lock for as long as the lock lets it.
 */
public final class CpuBoundThread {

    private final Thread thread;
    private volatile boolean stop;

    private CpuBoundThread(Interpreter interpreter) {
        InterpretedLoop loop = new InterpretedLoop(interpreter);
        this.thread = Thread.ofPlatform().name("cpu-bound").daemon(true)
                .start(interpreter.attached(() -> loop.runUntil(() -> stop)));
    }

    /** Starts the thread; it attaches (takes the lock, or waits for it) at once. */
    public static CpuBoundThread start(Interpreter interpreter) {
        return new CpuBoundThread(interpreter);
    }

    /**
     * Asks the thread to stop and waits for it. The caller must not hold the lock (the thread
     * needs it to reach its next look at the flag).
     */
    public void stop() {
        stop = true;
        try {
            if (!thread.join(Duration.ofSeconds(30))) {
                throw new IllegalStateException("the CPU-bound thread did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the CPU-bound thread", e);
        }
    }
}
