package dev.gillab.bench.lock;

import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.ReleasedRegion;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One hand-off per invocation: the benchmark thread asks for the lock while a
 * {@link CpuBoundThread} holds it, and {@link #takeTheLockBack()}, the timed part, returns when
 * the benchmark thread holds it. Before each invocation (untimed,
 * {@link #letTheCpuBoundThreadTakeTheLock()}) the benchmark thread releases the lock and waits
 * until the CPU-bound thread has taken it, so that every invocation starts from the same
 * state: a CPU-bound holder, and a benchmark thread that last released voluntarily.
 *
 * <p>What the invocation measures depends on the mode. In priority mode the benchmark thread
 * is I/O-bound (it released voluntarily) and the holder CPU-bound, so the drop request is
 * posted the moment the benchmark thread asks: the invocation is the hand-off alone, from the
 * drop request to the benchmark thread running (the holder sees the request at its next poll,
 * drops, signals, waits for the take; the operating system wakes the benchmark thread, unless
 * the signal came before it had even parked, which on an idle core takes only microseconds).
 * In switch mode the request is posted only after one switch interval of waiting: the
 * invocation is one interval plus the hand-off, what a thread returning from I/O pays next to
 * a CPU-bound thread (the convoy effect).
 *
 * <p>Trap avoided: in priority mode every thread starts I/O-bound, and the CPU-bound thread
 * becomes CPU-bound only when it is first forced to drop. The first invocation of an
 * iteration would wait a whole interval; so the set-up does one hand-off, untimed, first.
 *
 * <p>The benchmark thread holds the lock between invocations; that is safe only because it is
 * the benchmark's only JMH thread (nobody else waits at JMH's barriers).
 */
@State(Scope.Thread)
public abstract class HandOffState {

    private Interpreter interpreter;
    private CpuBoundThread cpuBound;
    private ReleasedRegion released;

    /** The lock to measure: the subclass's parameters. */
    protected abstract InterpreterConfig config();

    @Setup(Level.Iteration)
    public void start() {
        interpreter = Interpreter.create(config());
        interpreter.attach();
        cpuBound = CpuBoundThread.start(interpreter);
        letTheCpuBoundThreadTakeTheLock();
        takeTheLockBack(); // in priority mode, this first take forces the CPU-bound thread once
    }

    /** Untimed: give the lock up and wait until the CPU-bound thread holds it. */
    @Setup(Level.Invocation)
    public void letTheCpuBoundThreadTakeTheLock() {
        long switches = interpreter.switchNumber();
        released = interpreter.release();
        awaitChange(interpreter::switchNumber, switches, () -> true);
    }

    /** The timed part: ask for the lock and return holding it. */
    public void takeTheLockBack() {
        released.close();
    }

    @TearDown(Level.Iteration)
    public void stop() {
        interpreter.detach();
        cpuBound.stop();
    }

    /**
     * Waits until {@code counter} has moved past {@code from} (for the switch number: another
     * thread took the lock), or until {@code stillExpected} turns false; for at most 10 s. It
     * yields rather than spins: on a busy machine the thread it waits for may need this core.
     */
    static void awaitChange(LongSupplier counter, long from, BooleanSupplier stillExpected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter.getAsLong() == from && stillExpected.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the other thread did not take the lock within 10 s");
            }
            Thread.yield();
        }
    }
}
