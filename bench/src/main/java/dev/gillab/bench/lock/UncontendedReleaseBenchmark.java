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
 * releasing around it costs more than it saves. CPython's own costs tens of nanoseconds: medians
 * of 37 and 71 ns in two runs of {@code gillab fidelity} scenario 9 with CPython 3.11.7 on the
 * reference machine ({@code docs/FIDELITY.md}). Its hashlib releases from 2048 bytes up
 * ({@code HASHLIB_GIL_MINSIZE} in {@code Modules/hashlib.h}), a fixed heuristic, not a measured
 * crossover.
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
 * three rules of closing the region (its thread, once, innermost first: a few comparisons; the
 * region itself is not allocated, {@code -prof gc} shows 0 B/op, because nothing but the caller
 * refers to it), three counter increments, the JFR and trace checks, and on one holding in 64
 * two clock reads for the held-time sample. {@code free} mode has no compare-and-set at all:
 * its figure is that bookkeeping alone.
 *
 * <p>Measured (2026-11-22, idle 2-core machine, JDK 25.0.3, {@code -f 1 -wi 3 -w 1s -i 5 -r 1s}):
 * switch 14.9 +- 0.4 ns, ticks 15.2, priority 15.1, free 12.9; {@code reentrantLock} 4.32 ns;
 * {@code nanoTime} 23.8 ns. Within 40 ns; 3.5x {@code reentrantLock}, not within 1.5x: the
 * bookkeeping, which stays on, costs about 10 ns.
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
