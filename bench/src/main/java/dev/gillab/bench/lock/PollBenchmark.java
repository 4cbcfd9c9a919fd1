package dev.gillab.bench.lock;

import dev.gillab.kernel.EvalBreaker;
import dev.gillab.kernel.JavaKernels;
import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.TicksPerPoll;
import dev.gillab.lock.HoldingKernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the eval breaker costs a tight interpreted loop: the pure-Java countdown, one thread,
 * polling the interpreter lock at every iteration, at every 100th, and not at all.
 *
 * <h2>What runs</h2>
 * <ul>
 *   <li>{@code lockFree}: {@code new JavaKernels()}, no breaker; the JIT drops the tick
 *       counter and the countdown is a plain loop (an FNV-1a step per iteration). The
 *       baseline.</li>
 *   <li>{@code pollEveryIteration}: the same countdown as interpreted code, holding the lock
 *       ({@link HoldingKernels}) and polling its {@link Interpreter#evalBreaker()} at every
 *       back edge, as CPython's eval loop checks its eval breaker: a volatile read of the
 *       holder, a comparison with the current thread, the poll counter, the drop-request
 *       bit.</li>
 *   <li>{@code pollEvery100}: polling every 100 iterations ({@code TicksPerPoll.uniform(100)}).</li>
 *   <li>{@code emptyBreakerEveryIteration}, {@code emptyBreakerEvery100}: the same two loops
 *       polling a breaker that does nothing: what the kernel's tick counting costs by itself
 *       (for every 100: a branch the predictor misses once per hundred iterations), so that
 *       the difference to {@code poll*} is the lock's own share.</li>
 * </ul>
 * Nobody else is attached, so no poll ever drops the lock: this is the cost of asking, the
 * price every interpreted thread pays all the time.
 *
 * <h2>How to read it</h2>
 * Scores are countdown iterations per microsecond ({@code @OperationsPerInvocation}): each
 * invocation counts {@value #ITERATIONS} down, and returns the hash so that the loop cannot
 * be removed; the start value is a field, not a constant, so that it cannot be folded. The
 * targets are {@code pollEveryIteration >= 0.8 x lockFree} and
 * {@code pollEvery100 >= 0.98 x lockFree}. In switch mode (the default) a poll is the
 * holder check, one counter increment and one drop-request check; in ticks mode it also
 * decrements the tick counter; in free mode the calling thread's state is found in the interpreter's small cache of
 * thread states.
 *
 * <p>Measured (2026-11-22, idle 2-core machine, JDK 25.0.3, {@code -f 1 -wi 3 -w 1s -i 5 -r 1s}): lockFree
 * 912.3 ops/us, pollEveryIteration 756.6 (0.83x), pollEvery100 909.4 (0.997x),
 * emptyBreakerEveryIteration 908.3, emptyBreakerEvery100 913.3.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'lock.PollBenchmark'}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class PollBenchmark {

    /** Countdown iterations per invocation: long enough to amortise the call, short enough for a 100 ms smoke run. */
    static final int ITERATIONS = 100_000;

    @Param({"switch"})
    public String mode;

    /** The countdown's start value: a field, so the JIT cannot fold the loop. */
    private long n = ITERATIONS;

    private Interpreter interpreter;
    private Kernels lockFree;
    private Kernels pollEveryIteration;
    private Kernels pollEvery100;
    private Kernels emptyBreakerEveryIteration;
    private Kernels emptyBreakerEvery100;

    /** Attaches the benchmark thread (JMH may run each iteration on another thread). */
    @Setup(Level.Iteration)
    public void attach() {
        interpreter = Interpreter.create(LockMode.fromId(mode));
        lockFree = new JavaKernels();
        pollEveryIteration = new HoldingKernels(interpreter,
                new JavaKernels(interpreter.evalBreaker(), TicksPerPoll.EVERY_TICK));
        pollEvery100 = new HoldingKernels(interpreter,
                new JavaKernels(interpreter.evalBreaker(), TicksPerPoll.uniform(100)));
        EvalBreaker empty = () -> { };
        emptyBreakerEveryIteration = new JavaKernels(empty, TicksPerPoll.EVERY_TICK);
        emptyBreakerEvery100 = new JavaKernels(empty, TicksPerPoll.uniform(100));
        interpreter.attach();
    }

    @TearDown(Level.Iteration)
    public void detach() {
        interpreter.detach();
    }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public long lockFree() {
        return lockFree.countdown(n);
    }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public long pollEveryIteration() {
        return pollEveryIteration.countdown(n);
    }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public long pollEvery100() {
        return pollEvery100.countdown(n);
    }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public long emptyBreakerEveryIteration() {
        return emptyBreakerEveryIteration.countdown(n);
    }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public long emptyBreakerEvery100() {
        return emptyBreakerEvery100.countdown(n);
    }
}
