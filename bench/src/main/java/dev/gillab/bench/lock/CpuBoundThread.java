package dev.gillab.bench.lock;

import dev.gillab.kernel.JavaKernels;
import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.TicksPerPoll;
import dev.gillab.lock.HoldingKernels;
import dev.gillab.lock.Interpreter;
import java.time.Duration;

/**
 * A platform thread attached to an interpreter that runs interpreted code (the countdown,
 * polling at every iteration) until stopped: the CPU-bound thread a benchmark's own thread
 * competes with for the lock.
 */
final class CpuBoundThread {

    /** Countdown iterations between two looks at the stop flag: about a tenth of a millisecond. */
    private static final long CHUNK = 50_000;

    private final Thread thread;
    private volatile boolean stop;

    private CpuBoundThread(Interpreter interpreter) {
        Kernels interpreted = new HoldingKernels(interpreter,
                new JavaKernels(interpreter.evalBreaker(), TicksPerPoll.EVERY_TICK));
        this.thread = Thread.ofPlatform().name("cpu-bound").daemon(true).start(interpreter.attached(() -> {
            while (!stop) {
                interpreted.countdown(CHUNK);
            }
        }));
    }

    /** Starts the thread; it attaches (takes the lock, or waits for it) at once. */
    static CpuBoundThread start(Interpreter interpreter) {
        return new CpuBoundThread(interpreter);
    }

    /**
     * Asks the thread to stop and waits for it. The caller must not hold the lock (the thread
     * needs it to reach its next look at the flag).
     */
    void stop() {
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
