package dev.gillab.bench.lock;

import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How the lock changes hands between CPU-bound threads: the latency of one hand-off, and the
 * length of each thread's time slice against the switch interval, at the settings of the
 * lock's target figures. {@link SwitchIntervalSweepBenchmark} measures the same two events
 * across the whole range of switch intervals.
 *
 * <h2>Why latency distributions, and why {@code Mode.SampleTime}</h2>
 * Both figures are latencies, one per event, and what matters is their distribution, not a
 * mean: JMH's {@code SampleTime} times the invocations (every one of them at these rates) and
 * reports percentiles. Each benchmark is therefore built so that one invocation is exactly one
 * event, and everything that is not the event happens in {@code Level.Invocation} helpers,
 * which JMH does not time (their overhead, which JMH warns about for nanosecond benchmarks, is
 * nothing next to events of tens of microseconds to tens of milliseconds). In both, the
 * benchmark thread competes with a {@link CpuBoundThread} that runs interpreted code, polling
 * at every iteration.
 *
 * <h2>{@code handOff}: from the drop request to the other thread running</h2>
 * Priority mode at the default 5 ms interval, where the drop request is posted the moment the
 * benchmark thread asks for the lock, so that the invocation starts at the request (see
 * {@link HandOffState}). From the request on, the hand-off is the new GIL's, step for step.
 * Target: median at most 50 us.
 *
 * <h2>{@code timeSlice}: one slice of a CPU-bound thread, in switch mode</h2>
 * From taking the lock to the other thread's drop request (see {@link TimeSliceState}), at
 * 1, 5 and 20 ms. Target: median within 20% of the interval.
 *
 * <h2>How to read it</h2>
 * Scores are microseconds per event: look at {@code p0.50} (the median) and the tail
 * ({@code p0.99}). The machine must be otherwise idle: a woken thread that finds both cores
 * busy waits for the scheduler, and that wait shows up in both figures.
 *
 * <p>Measured (2026-11-22, idle 2-core machine, JDK 25.0.3, {@code -f 1 -wi 3 -w 1s -i 5 -r 1s}): handOff median
 * 3.8 us, p99 47.9 us; timeSlice medians 1.087 ms at 1 ms, 5.095 ms at 5 ms, 20.12 ms at 20 ms.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'lock.HandOff'}; smoke:
 * {@code -p switchIntervalMicros=1000}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class HandOffBenchmark {

    /** The benchmark thread versus a CPU-bound thread, in priority mode at the default interval. */
    @State(Scope.Thread)
    public static class HandOff extends HandOffState {
        @Override
        protected InterpreterConfig config() {
            return InterpreterConfig.of(LockMode.PRIORITY);
        }
    }

    /** The benchmark thread versus a CPU-bound thread, in switch mode with this interval. */
    @State(Scope.Thread)
    public static class Slices extends TimeSliceState {
        @Param({"1000", "5000", "20000"})
        public long switchIntervalMicros;

        @Override
        protected long switchIntervalMicros() {
            return switchIntervalMicros;
        }
    }

    @Benchmark
    public void handOff(HandOff state) {
        state.takeTheLockBack();
    }

    @Benchmark
    public long timeSlice(Slices state) {
        return state.runSlice();
    }
}
