package dev.gillab.bench.lock;

import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.ReleasedRegion;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 * What an uncontended release and re-take of the interpreter lock costs: the price a C
 * extension pays for {@code Py_BEGIN_ALLOW_THREADS} ... {@code Py_END_ALLOW_THREADS} around a
 * call when no other thread wants the lock. It decides how short a native call may be before
 * releasing around it costs more than it saves (CPython's hashlib draws the line at 2048
 * bytes: about 0.4 us for the release and re-take there).
 *
 * <h2>What runs</h2>
 * <ul>
 *   <li>{@code releaseAndRetake}: one attached thread, alone, opens a released region and
 *       closes it ({@code interpreter.release().close()}): a drop and a take, through the
 *       lock's uncontended fast path (one compare-and-set each way), with the frame checks and
 *       the statistics that stay on. Every lock mode.</li>
 *   <li>{@code reentrantLock}: a bare {@link ReentrantLock} {@code unlock(); lock()}, in the
 *       same run: the floor for "give a lock up and take it back" on this JVM and CPU.</li>
 *   <li>{@code nanoTime}: one {@code System.nanoTime()}: why the statistics read the clock
 *       only where it measures something (see {@code Gil}).</li>
 * </ul>
 * None returns a value: each changes shared state (a compare-and-set, a volatile write) that
 * the JIT cannot remove. The lock and the thread's attachment are per iteration, on the
 * benchmark thread itself ({@code Level.Iteration} helpers of a {@code Scope.Thread} state).
 *
 * <h2>How to read it</h2>
 * Nanoseconds per release and re-take. Targets: at most 40 ns, and within 1.5x of
 * {@code reentrantLock}. What remains on the fast path, besides the two compare-and-sets: the
 * region object (24 bytes, {@code -prof gc}), its frame push and pop and the three rules of
 * closing it, three counter increments, and on one holding in 64 two clock reads for the
 * held-time sample.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'lock.UncontendedRelease' -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class UncontendedReleaseBenchmark {

    /** The benchmark thread, attached to an interpreter of this mode and holding its lock. */
    @State(Scope.Thread)
    public static class Attached {
        @Param({"switch", "ticks", "priority", "free"})
        public String mode;

        private Interpreter interpreter;

        @Setup(Level.Iteration)
        public void attach() {
            interpreter = Interpreter.create(LockMode.fromId(mode));
            interpreter.attach();
        }

        @TearDown(Level.Iteration)
        public void detach() {
            interpreter.detach();
        }
    }

    /** The benchmark thread, holding a plain {@link ReentrantLock}. */
    @State(Scope.Thread)
    public static class Locked {
        private final ReentrantLock lock = new ReentrantLock();

        @Setup(Level.Iteration)
        public void lock() {
            lock.lock();
        }

        @TearDown(Level.Iteration)
        public void unlock() {
            lock.unlock();
        }
    }

    @Benchmark
    public void releaseAndRetake(Attached thread) {
        ReleasedRegion released = thread.interpreter.release();
        released.close();
    }

    @Benchmark
    public void reentrantLock(Locked thread) {
        thread.lock.unlock();
        thread.lock.lock();
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }
}
