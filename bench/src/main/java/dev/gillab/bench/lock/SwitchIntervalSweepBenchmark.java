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
 * What the switch interval ({@code sys.setswitchinterval}) does, from 0.1 ms to 20 ms: the time
 * slice of two CPU-bound threads, and how long a thread that asks for the lock waits for a
 * CPU-bound holder, with the hand-off proper as the control.
 *
 * <h2>What runs</h2>
 * The benchmark thread against a {@link CpuBoundThread} running interpreted code, one event per
 * invocation, everything else untimed (the same experiments as {@link HandOffBenchmark}, over
 * the whole range):
 * <ul>
 *   <li>{@code timeSlice} (switch mode): one slice of the benchmark thread, from taking the
 *       lock to the other thread's drop request ({@link TimeSliceState}).</li>
 *   <li>{@code handOff}, {@code mode=switch}: the benchmark thread, having released the lock
 *       voluntarily, asks for it back from the CPU-bound holder; it waits one interval, posts
 *       a drop request, and the lock is handed over ({@link HandOffState}). This is what every
 *       blocking call of an I/O thread pays next to a CPU-bound thread: the convoy effect.</li>
 *   <li>{@code handOff}, {@code mode=priority}: the same, but the request is posted at once
 *       (Beazley's priority for threads back from I/O): the hand-off alone, which should not
 *       depend on the interval at all.</li>
 * </ul>
 *
 * <h2>How to read it</h2>
 * Microseconds per event, as percentiles ({@code Mode.SampleTime}). Expected: {@code timeSlice}
 * and {@code handOff} in switch mode follow the interval (slice = interval + the waiter's
 * wake-up, within 20% of the interval from 1 ms up); {@code handOff} in priority mode stays
 * flat, at most tens of microseconds, at every interval. At 0.1 ms the fixed costs (a wake-up, timer
 * slack of about 50 us on Linux) are of the same order as the interval, so the slices come out
 * longer than asked for: the reason CPython's own interval cannot usefully go much lower
 * (CPython 3.9, countdown on two threads: 12.3 s at 10 us against 6.7 s alone). Invocations
 * per iteration fall with the interval (about 25 a second at 20 ms), so the long intervals'
 * percentiles rest on fewer samples.
 *
 * <pre>
 * $ java -jar bench/target/benchmarks.jar SwitchIntervalSweepBenchmark -f 1 -wi 1 -w 1s -i 2 -r 1s
 *   (2026-11-22, 2 cores shared with other builds, load average 5 to 8; p50 / p99, us)
 * interval   timeSlice         handOff switch     handOff priority
 *    100       190 / 8009         191 / 4008          1.5 / 46
 *    500      3981 / 9911         592 / 4165          3.2 / 45
 *   1000      3981 / 9954        1090 / 4473          1.2 / 55
 *   5000      7971 / 52748       5145 / 7129          3.2 / 47
 *  20000     23888 / 28017      20251 / 22282          3.1 / 49
 * </pre>
 * The switch-mode wait follows the interval closely, and the priority hand-off is flat (a few
 * microseconds: the waiter, still on its core, is handed the lock before it has even parked).
 * The slices of this run are not the lock's: with both cores taken by other work, the woken
 * thread waited for the scheduler's 4 ms tick (3981, 7971 us) before it could post its drop
 * request; run it on an idle machine for the slice figures.
 *
 * <p>Traps avoided: see {@link HandOffState} (the priority class learned before timing) and
 * {@link TimeSliceState}; the loop of {@code timeSlice} is the measured thing, and its state
 * comes from a field. Only one JMH thread per benchmark, so holding the lock between
 * invocations cannot deadlock a barrier.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'lock.SwitchIntervalSweep'}; smoke:
 * {@code -p switchIntervalMicros=1000}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class SwitchIntervalSweepBenchmark {

    /** The benchmark thread asking a CPU-bound holder for the lock, in this mode at this interval. */
    @State(Scope.Thread)
    public static class HandOff extends HandOffState {
        @Param({"switch", "priority"})
        public String mode;

        @Param({"100", "500", "1000", "5000", "20000"})
        public long switchIntervalMicros;

        @Override
        protected InterpreterConfig config() {
            return InterpreterConfig.of(LockMode.fromId(mode)).withSwitchIntervalMicros(switchIntervalMicros);
        }
    }

    /** The benchmark thread versus a CPU-bound thread, in switch mode at this interval. */
    @State(Scope.Thread)
    public static class Slices extends TimeSliceState {
        @Param({"100", "500", "1000", "5000", "20000"})
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
