package dev.gillab.bench.lock;

import dev.gillab.lock.EnsuredRegion;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.LockStats;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
import org.openjdk.jmh.infra.IterationParams;

/**
 * The lock under contention, mode by mode: a CPU-bound holder against one or two threads that
 * keep asking for the lock. How long does a thread wait to get the lock from a CPU-bound
 * thread, how often does the lock change hands, and how often is the holder forced to drop?
 *
 * <h2>What runs</h2>
 * Two JMH groups ({@code @Group}), each a set of threads sharing one interpreter
 * ({@code Scope.Group}), in the {@code mode} given (switch, ticks, priority) at the default
 * 5 ms interval:
 * <ul>
 *   <li>{@code oneWaiter}: {@code holder1} and {@code waiter1}, one thread each;
 *       {@code twoWaiters}: {@code holder2} and two {@code waiter2} threads.</li>
 *   <li>The holder runs interpreted CPU-bound code ({@link InterpretedLoop}: the countdown,
 *       polling at every iteration) for the whole measurement: one invocation takes the lock,
 *       runs until JMH's {@link Control#stopMeasurement} (or, as a safety net, twice the
 *       iteration time), and gives the lock back. So the holder is a true CPU-bound Python
 *       thread, which loses the lock only at its polls, never by choice.</li>
 *   <li>A waiter's invocation asks for the lock ({@code ensure()}), and gives it back as soon
 *       as it holds it: the timed event is the wait for the lock. Before each invocation,
 *       untimed, the waiter waits until the holder has run since the waiter's last take (the
 *       holder counts its chunks of work, {@code SharedLock.holderChunks}, the same kind of
 *       step as {@link HandOffState}'s): without it, a waiter that gives the lock back and asks
 *       again at once would take it again before the woken holder is even scheduled (nothing
 *       stops a thread from barging in on a free lock), and two waiters would pass the lock
 *       to each other while the holder waits; the invocations would measure that instead of
 *       a wait behind the holder.</li>
 * </ul>
 *
 * <h2>How to read it</h2>
 * {@code Mode.SampleTime}, microseconds: read the waiter's distribution (the secondary metric
 * {@code waiter1} / {@code waiter2}, its {@code p0.50} and {@code p0.99}). The holder's
 * samples are one per iteration and as long as it; they mean nothing, and they pull the
 * group's primary mean up: use the waiter's figures or the percentiles. Expected:
 * <ul>
 *   <li>{@code switch}: one interval plus the hand-off, which is also the holder's time
 *       slice: the waiter posts its drop request only after an interval of waiting. With two waiters the same: each
 *       waits for the holder, and the second, already queued, gets the lock when the first gives it back.</li>
 *   <li>{@code priority}: the hand-off alone (tens of microseconds), as in
 *       {@link HandOffBenchmark}: a waiter that released voluntarily is I/O-bound and evicts
 *       the CPU-bound holder at once. The holder pays for it: it runs only between the
 *       waiters' requests.</li>
 *   <li>{@code ticks}: no request at all; the holder releases every 100 polls (millions of
 *       times a second, all counted as forced drops) and takes the lock straight back. A
 *       waiter wins one of those races within microseconds most of the time, and loses them
 *       for tens of milliseconds now and then: a short median and a long, erratic tail.</li>
 * </ul>
 * The secondary metrics {@code switches} and {@code forcedDrops} ({@code @AuxCounters},
 * events per iteration, from the lock's statistics over the holder's run) count the hand-offs
 * and the holder's forced drops. In switch mode a waiter's turn is two switches (to it and
 * back) and one forced drop: about 200 forced drops a second at 5 ms.
 *
 * <pre>
 * $ java -jar bench/target/benchmarks.jar ContendedLockBenchmark -f 1 -wi 1 -w 1s -i 2 -r 1s
 *   (2026-11-22, 2 cores shared with other builds, load average ~4.5; waiter's figures, us)
 * group       mode        p50      p90      p99   switches/s  forcedDrops/s
 * oneWaiter   switch     5128     8086    13363          420            209
 * oneWaiter   ticks        16     3381    36635          828      6,397,500
 * oneWaiter   priority     26     1192    12140          779            386
 * twoWaiters  switch     5177    11931    44630          539            176
 * twoWaiters  ticks        23     1136    20066        2,570      6,583,000
 * twoWaiters  priority     23      132     4186        3,957          1,012
 * </pre>
 * A waiter behind a CPU-bound holder waits one interval under the new GIL and a hand-off
 * under priority; the tails are the busy machine's (a woken thread waits for a free core).
 *
 * <h2>Traps avoided</h2>
 * No JMH thread holds the lock between invocations: each takes it and gives it back inside its
 * invocation ({@link AttachedThread}), since a thread reaching JMH's iteration barrier with the
 * lock would leave a thread that waits for it stuck inside an invocation. The holder's run
 * ends on {@code stopMeasurement}, which JMH sets when the first thread leaves its measured
 * loop; the safety net bounds the run in case no thread can leave it (a ticks-mode waiter that
 * never wins the battle). The waiter's untimed wait gives up as soon as the holder's run is
 * over, so it cannot wait for a holder that is gone. Results are returned, so nothing is dead
 * code. In priority mode, each iteration's first wait is an interval long: the holder
 * re-attaches each iteration and counts as I/O-bound until it is first forced to drop.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'lock.ContendedLock'}; smoke: all
 * modes (each has its own rules), {@code -p mode=switch,ticks,priority}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class ContendedLockBenchmark {

    /** The interpreter a group's threads share. */
    @State(Scope.Group)
    public static class SharedLock {
        @Param({"switch", "ticks", "priority"})
        public String mode;

        @Param({"5000"})
        public long switchIntervalMicros;

        Interpreter interpreter;
        /**
         * Chunks of interpreted work the holder has finished: it counts only while holding
         * the lock, so a change means the holder has held the lock since. Written by the holder only.
         */
        volatile long holderChunks;
        /** Set when the holder's run has ended on {@code stopMeasurement}: the waiters stop waiting for it. */
        volatile boolean holderDone;

        @Setup(Level.Trial)
        public void create() {
            interpreter = Interpreter.create(InterpreterConfig.of(LockMode.fromId(mode))
                    .withSwitchIntervalMicros(switchIntervalMicros));
        }

        @Setup(Level.Iteration)
        public void newIteration() {
            holderDone = false;
        }
    }

    /** Lock events during the holder's run, per iteration (JMH zeroes the fields before each one). */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Events {
        public long switches;
        public long forcedDrops;

        void add(LockStats.Counts before, LockStats.Counts after) {
            switches += after.switches() - before.switches();
            forcedDrops += after.forcedDrops() - before.forcedDrops();
        }
    }

    /** The CPU-bound thread. */
    @State(Scope.Thread)
    public static class Holder {
        private AttachedThread thread;
        private InterpretedLoop loop;
        private long longestRunNanos;

        @Setup(Level.Iteration)
        public void attach(SharedLock lock, IterationParams iteration) {
            thread = AttachedThread.attach(lock.interpreter);
            loop = new InterpretedLoop(lock.interpreter);
            longestRunNanos = 2 * iteration.getTime().convertTo(TimeUnit.NANOSECONDS);
        }

        @TearDown(Level.Iteration)
        public void detach() {
            thread.detach();
        }

        /** Takes the lock, runs interpreted code until the measurement is over, gives the lock back. */
        long run(SharedLock lock, Events events, Control control) {
            LockStats.Counts before = lock.interpreter.stats().total();
            long deadline = System.nanoTime() + longestRunNanos;
            long hash;
            try (EnsuredRegion _ = thread.ensure()) {
                hash = loop.runUntil(() -> {
                    lock.holderChunks++;
                    return control.stopMeasurement || System.nanoTime() > deadline;
                });
            }
            if (control.stopMeasurement) {
                lock.holderDone = true;
            }
            events.add(before, lock.interpreter.stats().total());
            return hash;
        }
    }

    /** A thread that keeps asking for the lock. */
    @State(Scope.Thread)
    public static class Waiter {
        private AttachedThread thread;
        private SharedLock lock;
        /** The holder's chunk count when this thread last took the lock; -1 before its first take. */
        private long holderChunksAtTake;

        @Setup(Level.Iteration)
        public void attach(SharedLock shared) {
            lock = shared;
            thread = AttachedThread.attach(lock.interpreter);
            holderChunksAtTake = -1;
        }

        /** Untimed: wait until the holder has run since this thread's last take (or its run is over). */
        @Setup(Level.Invocation)
        public void letTheHolderRun() {
            HandOffState.awaitChange(() -> lock.holderChunks, holderChunksAtTake, () -> !lock.holderDone);
        }

        @TearDown(Level.Iteration)
        public void detach() {
            thread.detach();
        }

        /** The timed part: wait for the lock, note the holder's progress, give the lock back. */
        long takeAndGiveBack() {
            try (EnsuredRegion _ = thread.ensure()) {
                holderChunksAtTake = lock.holderChunks;
                return holderChunksAtTake;
            }
        }
    }

    @Benchmark
    @Group("oneWaiter")
    @GroupThreads(1)
    public long holder1(SharedLock lock, Holder holder, Events events, Control control) {
        return holder.run(lock, events, control);
    }

    @Benchmark
    @Group("oneWaiter")
    @GroupThreads(1)
    public long waiter1(Waiter waiter) {
        return waiter.takeAndGiveBack();
    }

    @Benchmark
    @Group("twoWaiters")
    @GroupThreads(1)
    public long holder2(SharedLock lock, Holder holder, Events events, Control control) {
        return holder.run(lock, events, control);
    }

    @Benchmark
    @Group("twoWaiters")
    @GroupThreads(2)
    public long waiter2(Waiter waiter) {
        return waiter.takeAndGiveBack();
    }
}
