package dev.gillab.bench;

import dev.gillab.binding.Binding;
import dev.gillab.kernel.Kernels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one call, with nothing to compute, through each binding: {@code noop()} is a
 * call and nothing else; {@code add(a, b)} adds passing two ints and returning one.
 *
 * <p>How to read it: {@code java} is the floor (the JIT inlines the call to nothing); the
 * native bindings' figures are their per-call overhead, the price a kernel must amortise.
 * Expect FFM and JavaCPP within a few ns of each other, JNA direct mapping roughly an order
 * of magnitude above them and JNA interface mapping above that (see the published figures
 * in the README). {@code add}'s operands live in fields so the JIT cannot fold the call.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar CallOverhead}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class CallOverheadBenchmark {

    @Param({"java", "jna", "jna-direct", "jna-memory", "javacpp", "javacpp-critical", "ffm", "ffm-critical"})
    public String binding;

    private Kernels kernels;
    private int a = 40;
    private int b = 2;

    @Setup
    public void setUp() {
        kernels = Binding.byId(binding).kernels();
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
