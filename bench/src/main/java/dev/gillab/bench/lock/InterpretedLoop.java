package dev.gillab.bench.lock;

import dev.gillab.kernel.JavaKernels;
import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.TicksPerPoll;
import dev.gillab.lock.HoldingKernels;
import dev.gillab.lock.Interpreter;
import java.util.function.BooleanSupplier;

/**
 * Interpreted CPU-bound code, as a Python {@code while} loop is: the pure-Java countdown,
 * holding the lock and polling it at every iteration, so that the lock can be taken away from
 * it (and given back) at any back edge. It runs in chunks of about a tenth of a millisecond,
 * between two looks at a stop condition. The work of every CPU-bound thread in the lock
 * benchmarks: a {@link CpuBoundThread}, or a JMH thread of {@link ContendedLockBenchmark}.
 */
public final class InterpretedLoop {

    /** Countdown iterations between two looks at the stop condition: about a tenth of a millisecond. */
    static final long CHUNK = 50_000;

    private final Kernels interpreted;

    /** The loop of threads attached to {@code interpreter}. */
    public InterpretedLoop(Interpreter interpreter) {
        this.interpreted = new HoldingKernels(interpreter,
                new JavaKernels(interpreter.evalBreaker(), TicksPerPoll.EVERY_TICK));
    }

    /**
     * Counts down until {@code stop} says so. The calling thread must hold the lock; it may
     * lose it and get it back at any poll. Returns the countdowns' hashes, summed, so that
     * nothing can be removed as dead code.
     */
    public long runUntil(BooleanSupplier stop) {
        long hash = 0;
        while (!stop.getAsBoolean()) {
            hash += interpreted.countdown(CHUNK);
        }
        return hash;
    }
}
