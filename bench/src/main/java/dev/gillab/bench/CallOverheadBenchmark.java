package dev.gillab.bench;

import dev.gillab.binding.Binding;
import dev.gillab.kernel.Kernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.ReleasingKernels;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The cost of one call, with nothing to compute, through each binding: {@code noop()} is a
 * call and nothing else; {@code add(a, b)} adds passing two ints and returning one.
 *
 * <h2>The parameters</h2>
 * <ul>
 *   <li>{@code binding}: every {@link Binding}, the variants included: {@code javacpp} against
 *       {@code javacpp-noexception} is JavaCPP's glue with and without its C++ exception
 *       handling ({@code @NoException}); {@code ffm} against {@code ffm-critical} is a downcall
 *       with and without the Java-to-native thread-state transition
 *       ({@code Linker.Option.critical}).</li>
 *   <li>{@code around}: {@code bare} is the call alone. {@code released} wraps it in
 *       {@link ReleasingKernels} on a thread attached to a switch-mode interpreter that holds
 *       the lock, as a Python thread calling a well-behaved extension: drop the lock, call,
 *       take it back ({@code Py_BEGIN_ALLOW_THREADS} ... {@code Py_END_ALLOW_THREADS}). Nobody
 *       else wants the lock, so this is the uncontended price of releasing.</li>
 * </ul>
 *
 * <h2>How to read it</h2>
 * {@code java bare} is the floor (the JIT inlines the call to nothing); a native binding's
 * {@code bare} figure is its per-call overhead, the price a kernel must amortise. Expect FFM
 * and JavaCPP within a few ns of each other, JNA direct mapping roughly an order of magnitude
 * above them and JNA interface mapping above that (see the published figures in the README).
 * {@code released - bare} for the same binding is the price of releasing the lock around a
 * call: tens of ns, the same for every binding, which is why it only pays for calls that run
 * far longer (see {@code ScalingBenchmark}). {@code javacpp-noexception} and
 * {@code ffm-critical} differ from their plain variants only in {@code noop} and {@code add}.
 *
 * <h2>Measured</h2>
 * 2026-11-22, JDK 25, 2-core x86-64 shared with other work, one short run of {@code noop}
 * ({@code -f 1 -wi 1 -i 2 -r 1s}), ns per call:
 * <pre>
 *   binding               bare   released
 *   java                  0.75      26.5
 *   jna-direct            59.5      88.1
 *   javacpp                5.2      32.7
 *   javacpp-noexception    4.7      29.5
 *   ffm                    4.1      30.2
 *   ffm-critical           3.0      27.3
 * </pre>
 * Releasing and re-taking the uncontended lock adds 25 to 29 ns to every binding; dropping
 * JavaCPP's exception handling saves about half a nanosecond, FFM's critical linkage about one.
 *
 * <h2>Traps avoided</h2>
 * {@code add}'s operands live in fields so the JIT cannot fold the call, and both results go
 * back to JMH. One thread only ({@link Threads}{@code (1)}): under {@code released} the thread
 * holds the lock between invocations, as a Python thread running interpreted code does, which
 * with a second JMH thread would leave that one waiting for the lock while JMH waits for it at
 * the iteration's end, a deadlock; the setup refuses {@code -t} above 1 for that reason.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar CallOverhead}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class CallOverheadBenchmark {

    @Param({"java", "jna", "jna-direct", "jna-memory", "javacpp", "javacpp-critical", "javacpp-noexception",
            "ffm", "ffm-critical"})
    public String binding;

    @Param({"bare", "released"})
    public String around;

    private Kernels kernels;
    private Interpreter interpreter;
    private int a = 40;
    private int b = 2;

    /**
     * Per iteration, on the benchmark's one thread: under {@code released}, attaches that thread
     * to a fresh interpreter (taking the lock) for the iteration.
     */
    @Setup(Level.Iteration)
    public void setUp(BenchmarkParams params) {
        Kernels bare = Binding.byId(binding).kernels();
        switch (around) {
            case "bare" -> kernels = bare;
            case "released" -> {
                if (params.getThreads() != 1) {
                    throw new IllegalArgumentException("around=released needs exactly one thread (it holds the lock"
                            + " between invocations), was -t " + params.getThreads());
                }
                interpreter = Interpreter.create(LockMode.SWITCH);
                interpreter.attach();
                kernels = new ReleasingKernels(interpreter, bare);
            }
            default -> throw new IllegalArgumentException("around must be bare or released, was " + around);
        }
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        if (interpreter != null) {
            interpreter.detach();
            interpreter = null;
        }
    }

    @Benchmark
    public void noop() {
        kernels.noop();
    }

    @Benchmark
    public int add() {
        return kernels.add(a, b);
    }
}
