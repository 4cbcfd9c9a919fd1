package dev.gillab.bench.lock;

import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.ReleasedRegion;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How the lock changes hands between CPU-bound threads: the latency of one hand-off, and the
 * length of each thread's time slice against the switch interval.
 *
 * <h2>Why latency distributions, and why {@code Mode.SampleTime}</h2>
 * Both figures are latencies, one per event, and what matters is their distribution, not a
 * mean: JMH's {@code SampleTime} times every invocation and reports percentiles. Each
 * benchmark is therefore built so that one invocation is exactly one event, and everything
 * that is not the event happens in {@code Level.Invocation} helpers, which JMH does not time
 * (their overhead, which JMH warns about for nanosecond benchmarks, is nothing next to events
 * of tens of microseconds to tens of milliseconds). In both, the benchmark thread competes
 * with a {@link CpuBoundThread} that runs interpreted code, polling at every iteration.
 *
 * <h2>{@code handOff}: from the drop request to the other thread running</h2>
 * The benchmark thread asks for the lock while the CPU-bound thread holds it, and the
 * invocation ends when the benchmark thread holds it. For that interval to start at the drop
 * request, the request must be posted the moment the thread asks: so this runs in priority
 * mode, where a thread that last released the lock voluntarily (I/O-bound) posts its drop
 * request on a CPU-bound holder at once instead of after a switch interval. From the request
 * on, the hand-off is the new GIL's, step for step: the holder sees the request at its next
 * poll (nanoseconds), drops the lock, signals the waiter's condition and waits until the
 * waiter has taken the lock (forced switching); the operating system wakes the parked
 * waiter, which takes the lock. The wake-up of a parked thread is most of it. Before each
 * invocation (untimed) the benchmark thread releases the lock and waits until the CPU-bound
 * thread has taken it. Target: median at most 50 us.
 *
 * <h2>{@code timeSlice}: one slice of a CPU-bound thread, in switch mode</h2>
 * The benchmark thread runs an interpreted loop whose back edge checks the eval breaker
 * ({@link Interpreter#dropRequested()}) and ends the invocation when a drop request arrives;
 * after each invocation (untimed) it polls, which drops the lock, lets the CPU-bound thread
 * run its own slice, and takes the lock back. So an invocation is one slice: from taking the
 * lock to the drop request. CPython's rule sets it: the waiter posts its request after one
 * switch interval of waiting, which started when it queued, just after the previous hand-off;
 * a slice is one interval plus the waiter's wake-up and timer slack. Target: median within
 * 20% of the interval, at 1, 5 and 20 ms.
 *
 * <h2>How to read it</h2>
 * Scores are microseconds per event: look at {@code p0.50} (the median) and the tail
 * ({@code p0.99}). The machine must be otherwise idle: a woken thread that finds both cores
 * busy waits for the scheduler, and that wait shows up in both figures.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'lock.HandOff'}
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class HandOffBenchmark {

    /** The benchmark thread versus a CPU-bound thread, in priority mode (see the class comment). */
    @State(Scope.Thread)
    public static class HandOff {
        private Interpreter interpreter;
        private CpuBoundThread cpuBound;
        private ReleasedRegion released;

        @Setup(Level.Iteration)
        public void start() {
            interpreter = Interpreter.create(LockMode.PRIORITY);
            interpreter.attach();
            cpuBound = CpuBoundThread.start(interpreter);
        }

        /** Untimed: give the lock up and wait until the CPU-bound thread holds it. */
        @Setup(Level.Invocation)
        public void letTheCpuBoundThreadTakeTheLock() {
            long switches = interpreter.switchNumber();
            released = interpreter.release();
            awaitSwitchAfter(interpreter, switches);
        }

        @TearDown(Level.Iteration)
        public void stop() {
            interpreter.detach();
            cpuBound.stop();
        }
    }

    /** The benchmark thread versus a CPU-bound thread, in switch mode with this interval. */
    @State(Scope.Thread)
    public static class Slices {
        @Param({"1000", "5000", "20000"})
        public long intervalMicros;

        private Interpreter interpreter;
        private CpuBoundThread cpuBound;
        /** The interpreted loop's state: a field, so the JIT cannot fold the loop. */
        long x;

        @Setup(Level.Iteration)
        public void start() {
            interpreter = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH).withSwitchIntervalMicros(intervalMicros));
            interpreter.attach();
            cpuBound = CpuBoundThread.start(interpreter);
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

    @Benchmark
    public void handOff(HandOff state) {
        state.released.close();
    }

    @Benchmark
    public long timeSlice(Slices state) {
        long x = state.x;
        while (!state.interpreter.dropRequested()) {
            x = x * 31 + 1;
        }
        return x;
    }

    /** Spins until the interpreter's switch number has moved past {@code switches}, for at most 10 s. */
    static void awaitSwitchAfter(Interpreter interpreter, long switches) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (interpreter.switchNumber() == switches) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no other thread took the lock within 10 s: " + interpreter);
            }
            Thread.onSpinWait();
        }
    }
}
