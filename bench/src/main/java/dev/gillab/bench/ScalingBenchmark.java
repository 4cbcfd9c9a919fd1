package dev.gillab.bench;

import dev.gillab.bench.lock.CallingThread;
import dev.gillab.binding.Binding;
import dev.gillab.kernel.JavaKernels;
import dev.gillab.kernel.Kernel;
import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.TicksPerPoll;
import dev.gillab.lock.HoldingKernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.ReleasingKernels;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
import org.openjdk.jmh.infra.Control;

/**
 * The headline of gillab: do more threads make CPU-bound work faster? Every kernel, through
 * every way of running it, holding the interpreter lock or releasing it, at 1, 2 and 4 threads.
 * Released native code scales with the cores; code that keeps the lock does not.
 *
 * <h2>What one operation is</h2>
 * One kernel call of about a millisecond or more ({@link #size}), made the way a Python thread
 * running {@code while True: f()} calls a function: holding the lock, after a look at the eval
 * breaker ({@link Interpreter#poll()}). The score is calls per second, which JMH sums over its
 * threads: the speedup at N threads is {@code score(-t N) / score(-t 1)} for the same
 * kernel, binding and lock.
 *
 * <h2>The parameters</h2>
 * {@code lock} says what the call does with the interpreter lock, for every binding:
 * <ul>
 *   <li>{@code hold}: the call keeps the lock from start to end ({@link HoldingKernels}). For a
 *       native binding that is the broken extension (ctypes' {@code PyDLL}, a C function that
 *       forgot {@code Py_BEGIN_ALLOW_THREADS}); for {@code java-locked} it is interpreted code:
 *       the pure-Java kernel polls the lock at every tick ({@link TicksPerPoll#EVERY_TICK}) and
 *       gives it up there when another thread has waited a switch interval.</li>
 *   <li>{@code release}: the call runs with the lock released ({@link ReleasingKernels},
 *       {@code Py_BEGIN_ALLOW_THREADS}). For a native binding that is the correct extension; for
 *       {@code java-locked} it is the same pure-Java loop, not polling, run released: what a
 *       Cython {@code with nogil:} block does with code that needs no interpreter.</li>
 * </ul>
 * {@code binding}: {@code jna}, {@code jna-direct}, {@code javacpp} and {@code ffm} are the C
 * kernels through that {@link Binding}, under a switch-mode lock ({@link LockMode#SWITCH}, the
 * lock of CPython 3.2 and later). {@code java-locked} is the pure-Java kernel under the same
 * lock; {@code java-free} is the same two cases under {@link LockMode#FREE}, free-threaded
 * CPython (3.13t): {@code hold} polls a lock that never makes anybody wait, {@code release}
 * pays the thread-state switch that {@code Py_BEGIN_ALLOW_THREADS} still costs there.
 *
 * <h2>How to read it</h2>
 * On an otherwise idle machine with C cores, at N threads, N at most C:
 * <ul>
 *   <li>every {@code release} row, and both {@code java-free} rows: speedup close to N (the target
 *       is at least 1.9 at 2 threads on 2 cores);</li>
 *   <li>{@code java-locked hold} and every native {@code hold} row: 0.85 to 1.05, whatever N;
 *       the lock runs one call at a time, and the hand-offs cost a little. CPython 3.11 measured
 *       0.96 for the countdown on two threads.</li>
 * </ul>
 * Beyond the core count ({@code -t 4} on 2 cores) the released rows stay at about C: threads
 * then share cores. Comparing bindings at one thread count shows what each costs per call
 * against a millisecond of work: nothing visible, which is the point of sizing calls so.
 *
 * <h2>Traps avoided</h2>
 * <ul>
 *   <li><b>The lock between invocations.</b> Each JMH thread is a Python thread calling a
 *       function in a loop ({@link CallingThread}): attached for one iteration, holding the
 *       lock across its calls and polling before each, so that two threads share the lock
 *       by forced switching as Python threads do. Taking and dropping the lock in every call
 *       instead would starve the other thread (each drop restarts its wait) and skew JMH's
 *       per-thread time windows; holding it into JMH's end-of-iteration barrier would
 *       deadlock, which {@code CallingThread} avoids by letting it go, and doing no work, once
 *       the measurement is over. Measured (idle 2-core machine, JDK 25.0.3,
 *       {@code -p binding=java-locked -p lock=hold}, {@code -t 1} then {@code -t 2}): 0.84x to
 *       1.00x, median 0.89x, every two-thread iteration within 15% of its row's mean; taking
 *       the lock per call, the same rows had single iterations from 0.4x to 2x the one-thread
 *       rate.</li>
 *   <li><b>Calls too short to scale.</b> Each size makes one call last about 1 to 3 ms through
 *       any binding: long against the lock's take and drop (microseconds) and against JMH's own
 *       work per invocation, and shorter than the 5 ms switch interval, so that a locked call
 *       ends before a waiter's first drop request and the locked rows show serialisation, not
 *       polling overhead.</li>
 *   <li><b>Code compiled for one thread count.</b> C2 compiles a branch that has never been
 *       taken as a trap. In a one-thread fork an interpreted kernel's poll never sees a drop
 *       request, so its drop path becomes a trap and the loop carries no call; in a two-thread
 *       fork the first forced drop hits the trap and the kernel is recompiled with that call in
 *       its loop, which runs it slower even when nobody waits (160 x 160 matmul: 1.4 against
 *       2.5 ms per call, measured). Which version a fork ends up with also varies from fork to
 *       fork (primes: 108 against 180 calls per second, two forks of the same locked
 *       two-thread run, each using one core). The locked "speedup" then measured C2, not the
 *       lock: 0.57x for matmul in a full run. So this suite's forks run with
 *       {@code -XX:PerMethodTrapLimit=0}: no untaken branch becomes a trap, every fork compiles
 *       the poll the same way whatever waits, and the Java kernels run as a JIT would compile
 *       them for a lock that is sometimes contended (slower than with speculation, the same for
 *       {@code java-locked} and {@code java-free}; the C kernels are not affected). In full runs
 *       on the idle 2-core machine (JDK 25.0.3), java-locked at 2 threads against 1 went from
 *       0.57x-1.17x (median 0.78x) without the flag to 0.80x-1.01x (median 0.94x) with it;
 *       java-free from 1.37x-1.99x to 1.64x-2.04x.</li>
 *   <li><b>Dead code and folding.</b> The call returns its result to JMH; inputs are built once
 *       per trial by {@link Kernel#prepare} from fixed seeds, outside the measurement, and read
 *       from fields. Threads share them read-only; every call allocates its own output.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ScalingBenchmark -t 1}, then {@code -t 2}
 * and {@code -t 4} (JMH's thread count is the third axis, in the JSON field {@code threads});
 * narrow it with e.g. {@code -p kernel=pi -p binding=ffm,java-locked}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-XX:PerMethodTrapLimit=0"})
public class ScalingBenchmark {

    @Param({"countdown", "fib", "pi", "matmul", "mandelbrot", "sha256", "primes"})
    public String kernel;

    @Param({"java-locked", "java-free", "jna", "jna-direct", "javacpp", "ffm"})
    public String binding;

    @Param({"hold", "release"})
    public String lock;

    private Interpreter interpreter;
    private Supplier<Object> call;

    @Setup(Level.Trial)
    public void setUp() {
        boolean holding = switch (lock) {
            case "hold" -> true;
            case "release" -> false;
            default -> throw new IllegalArgumentException("lock must be hold or release, was " + lock);
        };
        interpreter = Interpreter.create(binding.equals("java-free") ? LockMode.FREE : LockMode.SWITCH);
        Kernels kernels = holding
                ? new HoldingKernels(interpreter, unwrapped(true))
                : new ReleasingKernels(interpreter, unwrapped(false));
        Kernel k = Kernel.byId(kernel);
        call = k.prepare(kernels, size(k), Kernel.DEFAULT_MAX_ITER);
    }

    /**
     * The kernels inside the lock's decorator: C through the binding, or pure Java, polling this
     * interpreter when it runs holding the lock (interpreted code) and not polling when it runs
     * released (code outside the interpreter must not touch it).
     */
    private Kernels unwrapped(boolean holding) {
        return switch (binding) {
            case "java-locked", "java-free" -> holding
                    ? new JavaKernels(interpreter.evalBreaker(), TicksPerPoll.EVERY_TICK)
                    : new JavaKernels();
            default -> Binding.byId(binding).kernels();
        };
    }

    /**
     * Each kernel's size for one call of about 1 to 3 ms on a current x86-64 core through any
     * binding (the C and the JIT-compiled Java kernels are within about 2x of each other here),
     * at mandelbrot's default iteration limit of {@value Kernel#DEFAULT_MAX_ITER}.
     */
    static long size(Kernel kernel) {
        return switch (kernel) {
            case COUNTDOWN -> 1_000_000;
            case FIB -> 29;
            case PI -> 1_000_000;
            case MATMUL -> 160;
            case MANDELBROT -> 64;
            case SHA256 -> 256 * 1024;
            case PRIMES -> 1_000_000;
            default -> throw new IllegalArgumentException(kernel.id() + " is not a scaling workload");
        };
    }

    /** A benchmark thread as a Python thread calling a function in a loop: see {@link CallingThread}. */
    @State(Scope.Thread)
    public static class PythonThread {
        private CallingThread thread;

        @Setup(Level.Iteration)
        public void attach(ScalingBenchmark shared) {
            thread = CallingThread.attach(shared.interpreter);
        }

        @TearDown(Level.Iteration)
        public void detach() {
            thread.detach();
        }
    }

    @Benchmark
    public Object call(PythonThread thread, Control jmh) {
        return thread.thread.call(call, jmh);
    }
}
