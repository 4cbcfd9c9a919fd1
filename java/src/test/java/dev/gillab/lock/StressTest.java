package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A randomized run in each mode: 6 attached threads mixing interpreted work, native calls with
 * callbacks, blocking calls, nested ensures and attaches and exceptions inside released
 * regions; 2 foreign threads entering through {@code ensure()} like native callback threads;
 * and a chaos thread interrupting them all. For 2 s, then the invariants:
 * <ul>
 *   <li>never two holders: every stretch of interpreted work between two polls bumps an
 *       independent occupancy counter that must read 1 (except in free mode, where it must
 *       exceed 1 at some point);</li>
 *   <li>the counters add up: acquisitions = voluntary releases + forced drops, per thread and in
 *       total; polls, blocking calls and released regions equal what the threads did;</li>
 *   <li>the trace ring, overwritten many times by 8 writers, keeps exactly the newest events,
 *       and every thread's events in it follow the state machine;</li>
 *   <li>nothing hangs: a watchdog fails with a thread dump if the threads are not done 30 s
 *       after they were told to stop.</li>
 * </ul>
 * A second run does the same in free mode and loads an undeclared extension halfway through:
 * the lock comes back while everybody runs.
 *
 * <p>Probabilistic, as every concurrency test: a violation seen is a bug, none seen is no proof.
 */
class StressTest {

    private static final Duration RUN = Duration.ofSeconds(2);
    private static final int WORKERS = 6;
    private static final int FOREIGN = 2;

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private final AtomicInteger occupancy = new AtomicInteger();
    private final AtomicInteger maxOccupancy = new AtomicInteger();
    /** The most threads inside at once while the lock excluded (from the start, or once it came back). */
    private final AtomicInteger maxOccupancyLocked = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final LongAdder polls = new LongAdder();
    private final LongAdder blockingCalls = new LongAdder();
    private final LongAdder releasedRegions = new LongAdder();
    private final LongAdder interruptedCalls = new LongAdder();

    private Interpreter interp;
    private boolean exclusive;

    @ParameterizedTest
    @EnumSource(LockMode.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void eightThreadsMixingEverythingKeepTheInvariants(LockMode mode) throws Exception {
        interp = Interpreter.create(InterpreterConfig.of(mode).withSwitchIntervalMicros(500).withCheckInterval(50)
                .withTrace(8_192));
        exclusive = mode != LockMode.FREE;

        runThreads(RUN, () -> { });

        LockStats stats = interp.stats();
        String context = "\n" + stats + "lock: " + interp;
        assertThat(violations).as("invariant violations" + context).isEmpty();
        if (exclusive) {
            assertThat(maxOccupancy.get()).as("threads inside at once").isEqualTo(1);
        } else {
            assertThat(maxOccupancy.get()).as("free mode lets threads in together").isGreaterThan(1);
        }
        assertTheCountersAddUp(stats, context);
        LockStats.Counts total = stats.total();
        assertThat(interp.holdsLock()).isFalse();
        assertThat(total.acquisitions()).as("real work was done" + context).isGreaterThan(1_000);
        switch (mode) {
            case SWITCH, PRIORITY -> {
                assertThat(total.forcedDrops()).as("forced drops answer requests")
                        .isLessThanOrEqualTo(total.dropRequests());
                assertThat(total.switches()).as("switches = switch number").isEqualTo(interp.switchNumber());
            }
            case TICKS -> {
                assertThat(total.dropRequests() + total.waitTimeouts() + total.switchWaits())
                        .as("the old lock neither asks nor times out").isZero();
                assertThat(total.switches()).isEqualTo(interp.switchNumber());
            }
            case FREE -> assertThat(total.forcedDrops() + total.dropRequests() + total.futileWakeups()
                    + total.switches())
                    .as("free mode never forces, asks or switches").isZero();
        }
        Trace trace = interp.trace();
        List<TraceEvent> events = trace.events();
        assertThat(events).as("the ring is full and keeps its capacity").hasSize(trace.capacity());
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).sequence()).as("kept events are the newest, without a gap")
                    .isEqualTo(trace.recorded() - trace.capacity() + i);
        }
        assertTraceFollowsTheStateMachine(events);
        System.out.printf("stress %s: %,d acquisitions, %,d forced, %,d polls, %,d interrupted blocking calls, "
                + "%,d lock-wait interrupts%n",
                mode, total.acquisitions(), total.forcedDrops(), total.polls(), interruptedCalls.sum(),
                        total.interrupts());
    }

    /**
     * Free-threaded mode in which an undeclared extension is loaded halfway through the run
     * ({@link Interpreter#load}): the world stops while six workers, two foreign threads and the
     * chaos thread are busy, and from then on the lock must exclude. Checked: threads ran
     * together before, never after; every thread came through the switch (nobody lost, nothing
     * hung); the counters still add up; the trace shows the switch on the loader's track.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void freeModeWhoseLockComesBackMidRunKeepsTheInvariants() throws Exception {
        interp = Interpreter.create(InterpreterConfig.of(LockMode.FREE).withSwitchIntervalMicros(500).withTrace(8_192));
        exclusive = false;
        AtomicBoolean enabledByLoader = new AtomicBoolean();
        runThreads(RUN, () -> {
            Thread loader = Sim.startAttached(interp, "loader",
                    () -> enabledByLoader.set(interp.load(Extension.undeclared("legacy"))), error);
            Sim.joinAll(List.of(loader), Duration.ofSeconds(30), interp);
        });

        LockStats stats = interp.stats();
        String context = "\n" + stats + "lock: " + interp;
        assertThat(violations).as("invariant violations" + context).isEmpty();
        assertThat(enabledByLoader).as("the load turned the lock on").isTrue();
        assertThat(interp.isGilEnabled()).isTrue();
        assertThat(stats.gilEnabled()).isNotNull();
        assertThat(stats.gilEnabled().extension()).isEqualTo("legacy");
        assertThat(stats.gilEnabled().threadName()).isEqualTo("loader");
        assertThat(maxOccupancy.get()).as("threads ran together while free").isGreaterThan(1);
        assertThat(maxOccupancyLocked.get()).as("threads inside at once after the switch" + context).isEqualTo(1);
        assertTheCountersAddUp(stats, context);
        LockStats.Counts total = stats.total();
        assertThat(total.switches()).as("the workers took turns after the switch" + context).isGreaterThan(0);
        List<TraceEvent> events = interp.trace().events();
        assertTraceFollowsTheStateMachine(events);
        System.out.printf("stress free, lock back at %.1f ms: %,d acquisitions, %,d forced, %,d switches, %,d polls%n",
                stats.gilEnabled().nanos() / 1e6, total.acquisitions(), total.forcedDrops(), total.switches(),
                        total.polls());
    }

    /**
     * Starts the workers, the foreign threads and the chaos thread; runs {@code midway} after half
     * of {@code run}; stops them all after the rest, with a watchdog on the joins.
     */
    private void runThreads(Duration run, ThrowingRunnable midway) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            threads.add(Sim.startAttached(interp, "worker-" + i, this::worker, error));
        }
        for (int i = 0; i < FOREIGN; i++) {
            threads.add(Sim.start("foreign-" + i, this::foreign, error));
        }
        Thread chaos = Sim.start("chaos", () -> {
            while (!stop.get()) {
                threads.get(ThreadLocalRandom.current().nextInt(threads.size())).interrupt();
                LockSupport.parkNanos(500_000);
            }
        }, error);

        Thread.sleep(run.dividedBy(2));
        midway.run();
        Thread.sleep(run.dividedBy(2));
        stop.set(true);
        Sim.joinAll(List.of(chaos), Duration.ofSeconds(5), interp);
        Sim.joinAll(threads, Duration.ofSeconds(30), interp);
        Sim.rethrow(error);
    }

    /**
     * Acquisitions = releases, per thread and in total; nobody left attached or waiting; what the threads did was
     * counted.
     */
    private void assertTheCountersAddUp(LockStats stats, String context) {
        LockStats.Counts total = stats.total();
        assertThat(total.acquisitions()).as("acquisitions = voluntary + forced" + context).isEqualTo(total.releases());
        for (LockStats.ThreadSnapshot t : stats.threads()) {
            assertThat(t.attached()).as("%s left attached", t.name()).isFalse();
            assertThat(t.counts().acquisitions()).as("%s: acquisitions = releases", t.name())
                    .isEqualTo(t.counts().releases());
        }
        assertThat(total.polls()).as("polls counted").isEqualTo(polls.sum());
        assertThat(total.blockingCalls()).as("blocking calls counted").isEqualTo(blockingCalls.sum());
        assertThat(total.releasedRegions()).as("released regions counted").isEqualTo(releasedRegions.sum());
        assertThat(interp.waiters()).isZero();
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** An attached thread: a random mix of everything. */
    private void worker() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!stop.get()) {
            int action = random.nextInt(100);
            if (action < 40) {
                interpret(random.nextInt(1, 200));
            } else if (action < 55) {
                nativeCallWithCallback(random);
            } else if (action < 70) {
                blockingCall(random);
            } else if (action < 80) {
                try (EnsuredRegion nested = interp.ensure()) {
                    check(!nested.tookLock(), "a nested ensure on a holding thread took the lock");
                    interpret(random.nextInt(1, 50));
                }
            } else if (action < 90) {
                try (ReleasedRegion _ = interp.release()) {
                    releasedRegions.increment();
                    throw new IllegalStateException("native error");
                } catch (IllegalStateException expected) {
                    check(interp.holdsLock(), "lock not held after an exception in a released region");
                }
            } else if (action < 95) {
                interp.attach();
                interpret(random.nextInt(1, 50));
                interp.detach();
            } else {
                Thread.interrupted(); // forget a pending interrupt now and then
            }
            check(interp.holdsLock(), "worker lost the lock between actions");
        }
    }

    /** A native callback thread: enters through ensure(), never attached otherwise. */
    private void foreign() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!stop.get()) {
            check(!interp.isAttached(), "foreign thread attached outside ensure()");
            try (EnsuredRegion gil = interp.ensure()) {
                check(gil.tookLock(), "foreign ensure did not take the lock");
                interpret(random.nextInt(1, 100));
                if (random.nextBoolean()) {
                    interp.runReleased(() -> spin(random.nextInt(100, 2_000)));
                    releasedRegions.increment();
                }
            }
            LockSupport.parkNanos(random.nextInt(10_000, 200_000));
        }
    }

    private void nativeCallWithCallback(ThreadLocalRandom random) {
        interp.runReleased(() -> {
            spin(random.nextInt(100, 2_000));
            check(!interp.holdsLock(), "lock held inside a released region");
            if (random.nextInt(3) == 0) {
                try (EnsuredRegion callback = interp.ensure()) {
                    check(callback.tookLock(), "callback ensure did not take the lock");
                    interpret(random.nextInt(1, 50));
                }
                check(!interp.holdsLock(), "callback close did not give the lock back");
            }
        });
        releasedRegions.increment();
    }

    private void blockingCall(ThreadLocalRandom random) {
        blockingCalls.increment();
        try {
            interp.blocking(() -> {
                Thread.sleep(Duration.ofNanos(random.nextInt(1_000, 300_000)));
                return null;
            });
        } catch (InterruptedException e) {
            interruptedCalls.increment();
        }
        check(interp.holdsLock(), "lock not held after a blocking call");
    }

    /** Interpreted work: between two polls, the thread must be alone inside. */
    private void interpret(int blocks) {
        for (int i = 0; i < blocks; i++) {
            int inside = occupancy.incrementAndGet();
            maxOccupancy.accumulateAndGet(inside, Math::max);
            // A thread that sees the lock enabled while inside holds the switch lock: no thread can
            // still be inside freely then, since the lock comes on only once nobody holds freely.
            boolean locked = exclusive || interp.isGilEnabled();
            if (locked) {
                maxOccupancyLocked.accumulateAndGet(inside, Math::max);
                if (inside != 1) {
                    check(false, inside + " threads inside at once");
                }
            }
            check(interp.holdsLock(), "interpreted work without the lock");
            spin(20);
            occupancy.decrementAndGet();
            interp.poll();
            polls.increment();
        }
    }

    private void check(boolean ok, String what) {
        if (!ok && violations.size() < 20) {
            violations.add(Thread.currentThread().getName() + ": " + what + " (" + interp + ")");
        }
    }

    private static void spin(int iterations) {
        long x = 0;
        for (int i = 0; i < iterations; i++) {
            x = x * 31 + i;
        }
        Sim.sink = x;
    }

    /**
     * Per thread, in recording order: REQUEST -> ACQUIRED -> RELEASED -> (BLOCKING_BEGIN ->
     * BLOCKING_END ->) REQUEST ..., with drop requests only while waiting. The ring overwrote
     * the oldest events, so each thread's sequence may start anywhere.
     */
    private static void assertTraceFollowsTheStateMachine(List<TraceEvent> events) {
        Map<Long, List<TraceEvent>> byThread = events.stream().collect(Collectors.groupingBy(TraceEvent::threadId));
        for (List<TraceEvent> list : byThread.values()) {
            TraceEvent.Kind previous = null;
            for (TraceEvent e : list) {
                if (previous != null) {
                    EnumSet<TraceEvent.Kind> allowed = switch (previous) {
                        case REQUEST, DROP_REQUEST -> EnumSet.of(TraceEvent.Kind.ACQUIRED,
                                TraceEvent.Kind.DROP_REQUEST);
                        case ACQUIRED -> EnumSet.of(TraceEvent.Kind.RELEASED);
                        case RELEASED -> EnumSet.of(TraceEvent.Kind.REQUEST, TraceEvent.Kind.BLOCKING_BEGIN,
                                TraceEvent.Kind.GIL_ENABLED);
                        case GIL_ENABLED -> EnumSet.of(TraceEvent.Kind.REQUEST);
                        case BLOCKING_BEGIN -> EnumSet.of(TraceEvent.Kind.BLOCKING_END);
                        case BLOCKING_END -> EnumSet.of(TraceEvent.Kind.REQUEST);
                    };
                    assertThat(allowed).as("after %s on %s", previous, e.threadName()).contains(e.kind());
                }
                previous = e.kind() == TraceEvent.Kind.RELEASED && e.drop() == DropKind.FINAL ? null : e.kind();
            }
        }
    }
}
