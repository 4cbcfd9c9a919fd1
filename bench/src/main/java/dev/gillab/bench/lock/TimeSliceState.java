package dev.gillab.bench.lock;

import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One time slice per invocation, in switch mode: the benchmark thread and a
 * {@link CpuBoundThread} both run interpreted code, and {@link #runSlice()}, the timed part, is
 * the benchmark thread's slice, from taking the lock to the CPU-bound thread's drop request.
 *
 * <p>The slice is an interpreted loop whose back edge checks the eval breaker
 * ({@link Interpreter#dropRequested()}) and stops when a drop request arrives. After each
 * invocation (untimed, {@link #handTheLockOverAndBack()}) the benchmark thread polls, which
 * drops the lock, lets the CPU-bound thread run its own slice, and takes the lock back. CPython's
 * rule sets the length: the waiter posts its request after one switch interval of waiting,
 * which started when it queued, just after the previous hand-off; so a slice is one interval
 * plus the waiter's wake-up and timer slack.
 *
 * <p>The benchmark thread holds the lock between invocations; that is safe only because it is
 * the benchmark's only JMH thread.
 */
@State(Scope.Thread)
public abstract class TimeSliceState {

    private Interpreter interpreter;
    private CpuBoundThread cpuBound;
    /** The interpreted loop's state: a field, so that the JIT cannot fold the loop. */
    private long x;

    /** The switch interval to measure: the subclass's parameter. */
    protected abstract long switchIntervalMicros();

    @Setup(Level.Iteration)
    public void start() {
        interpreter = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH)
                .withSwitchIntervalMicros(switchIntervalMicros()));
        interpreter.attach();
        cpuBound = CpuBoundThread.start(interpreter);
    }

    /** The timed part: interpreted code until the drop request; returns the loop's state. */
    public long runSlice() {
        long v = x;
        while (!interpreter.dropRequested()) {
            v = v * 31 + 1;
        }
        return v;
    }

    /** Untimed: answer the drop request (the CPU-bound thread runs its slice) and take the lock back. */
    @TearDown(Level.Invocation)
    public void handTheLockOverAndBack() {
        interpreter.poll();
    }

    @TearDown(Level.Iteration)
    public void stop() {
        interpreter.detach();
        cpuBound.stop();
    }
}
