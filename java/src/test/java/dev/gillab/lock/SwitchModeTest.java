package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The new GIL's rules: interval, drop request at the next poll, forced switching, voluntary release. */
class SwitchModeTest {

    private final AtomicReference<Throwable> error = new AtomicReference<>();

    /**
     * A CPU-bound holder, and a waiter that asks for the lock several times: each drop request
     * comes one interval after the request. Lower bound: the timed wait cannot end before its
     * timeout (0.9 x allows for clock granularity). Upper bound 20 x: on a loaded 2-core CI
     * machine the waiter's wake-up can be delayed by scheduling, but not by 20 intervals.
     */
    @ParameterizedTest(name = "interval {0} us")
    @ValueSource(longs = {5_000, 20_000})
    void aWaitersDropRequestComesAboutOneIntervalAfterItsRequest(long intervalMicros) throws Exception {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH)
                .withSwitchIntervalMicros(intervalMicros).withTrace(true));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong progress = new AtomicLong();
        Thread holder = Sim.startAttached(interp, "holder", () -> busyLoop(interp, stop, progress), error);
        int rounds = 5;
        Thread waiter = Sim.start("waiter", () -> {
            for (int i = 0; i < rounds; i++) {
                awaitHolderRunning(progress);
                interp.attached(() -> Sim.interpret(interp, 10)).run();
            }
        }, error);
        Sim.join(waiter, interp);
        stop.set(true);
        Sim.join(holder, interp);
        Sim.rethrow(error);

        List<TraceEvent> events = interp.trace().events();
        // One request per attach; a waiter preempted for a whole interval inside its ten polls is
        // itself asked to drop, and asks again: that re-take's request is not an attach's.
        List<TraceEvent> ownEvents = events.stream().filter(e -> e.threadName().equals("waiter")).toList();
        List<TraceEvent> requests = new java.util.ArrayList<>();
        for (int i = 0; i < ownEvents.size(); i++) {
            boolean afterForcedDrop = i > 0 && ownEvents.get(i - 1).kind() == TraceEvent.Kind.RELEASED
                    && ownEvents.get(i - 1).drop() == DropKind.FORCED;
            if (ownEvents.get(i).kind() == TraceEvent.Kind.REQUEST && !afterForcedDrop) {
                requests.add(ownEvents.get(i));
            }
        }
        assertThat(requests).as("one request per attach").hasSize(rounds);
        long interval = TimeUnit.MICROSECONDS.toNanos(intervalMicros);
        for (int i = 0; i < rounds; i++) {
            TraceEvent request = requests.get(i);
            TraceEvent dropRequest = events.stream()
                    .filter(e -> e.sequence() > request.sequence() && e.kind() == TraceEvent.Kind.DROP_REQUEST
                            && e.threadName().equals("waiter"))
                    .findFirst().orElseThrow(() -> new AssertionError("no drop request after request " + request
                            + "\n" + events.stream().map(TraceEvent::toString)
                            .collect(java.util.stream.Collectors.joining("\n"))));
            assertThat(dropRequest.threadName()).as("posted by the waiter").isEqualTo("waiter");
            assertThat(dropRequest.peerName()).as("sent to the holder").isEqualTo("holder");
            long delay = dropRequest.nanos() - request.nanos();
            assertThat(delay).as("round %d: drop request %,d ns after the request, interval %,d ns", i, delay, interval)
                    .isGreaterThanOrEqualTo(interval * 9 / 10)
                    .isLessThanOrEqualTo(interval * 20);
        }
    }

    /**
     * Counts polls instead of timing them: every poll that begins with a drop request pending
     * drops the lock, i.e. the holder gives it up at the first poll after the request.
     */
    @Test
    void theHolderDropsAtItsNextPollAfterADropRequest() throws Exception {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH).withSwitchIntervalMicros(1_000));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong pollsWithRequestPending = new AtomicLong();
        AtomicLong thoseThatDropped = new AtomicLong();
        AtomicLong progress = new AtomicLong();
        Thread holder = Sim.startAttached(interp, "holder", () -> {
            long pending = 0;
            long dropped = 0;
            while (!stop.get()) {
                progress.incrementAndGet();
                boolean requested = interp.dropRequested();
                long switches = interp.switchNumber();
                interp.poll();
                if (requested) {
                    pending++;
                    if (interp.switchNumber() != switches) {
                        dropped++;
                    }
                }
            }
            pollsWithRequestPending.set(pending);
            thoseThatDropped.set(dropped);
        }, error);
        Thread waiter = Sim.start("waiter", () -> {
            for (int i = 0; i < 20; i++) {
                awaitHolderRunning(progress);
                interp.attached(() -> Sim.interpret(interp, 10)).run();
            }
        }, error);
        Sim.join(waiter, interp);
        stop.set(true);
        Sim.join(holder, interp);
        Sim.rethrow(error);

        // A request that lands between the check and the poll is not counted; about half do.
        assertThat(pollsWithRequestPending.get()).as("polls that started with a drop request pending (of 20 requests)")
                .isGreaterThanOrEqualTo(1);
        assertThat(thoseThatDropped.get())
                .as("every poll that started with a drop request pending handed the lock over")
                .isEqualTo(pollsWithRequestPending.get());
        LockStats.Counts h = interp.stats().thread("holder").counts();
        assertThat(h.forcedDrops()).as("forced drops of the holder include every drop seen at a poll")
                .isGreaterThanOrEqualTo(thoseThatDropped.get());
    }

    /**
     * Two CPU-bound threads, short interval, many rounds: after every forced drop the next
     * thread to take the lock is the other one, never the dropper (forced switching).
     */
    @Test
    void forcedSwitchingHandsTheLockToTheWaiterEveryTime() throws Exception {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH)
                .withSwitchIntervalMicros(1_000).withTrace(true));
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            threads.add(Sim.startAttached(interp, name, () -> Sim.interpretUntil(interp, stop::get), error));
        }
        Sim.awaitTrue(() -> interp.stats().total().forcedDrops() >= 60, Duration.ofSeconds(20),
                "two busy threads with a 1 ms interval should switch 60 times");
        stop.set(true);
        Sim.joinAll(threads, Duration.ofSeconds(10), interp);
        Sim.rethrow(error);

        List<TraceEvent> events = interp.trace().events();
        assertThat(interp.trace().dropped()).as("trace large enough for the test").isZero();
        int forced = 0;
        for (int i = 0; i < events.size(); i++) {
            TraceEvent e = events.get(i);
            if (e.kind() == TraceEvent.Kind.RELEASED && e.drop() == DropKind.FORCED) {
                forced++;
                TraceEvent next = nextAcquisition(events, i);
                if (next != null) {
                    assertThat(next.threadName()).as("acquirer after %s's forced drop at %d ns", e.threadName(),
                            e.nanos())
                            .isNotEqualTo(e.threadName());
                }
            }
        }
        assertThat(forced).as("forced drops in the trace").isGreaterThanOrEqualTo(60);
        LockStats.Counts total = interp.stats().total();
        assertThat(total.switchWaits()).as("each forced drop waited for the hand-off or found it done")
                .isLessThanOrEqualTo(total.forcedDrops());
        assertThat(total.switches()).as("switches: at least one per forced drop")
                .isGreaterThanOrEqualTo(total.forcedDrops());
    }

    /** The holder: polls until stopped, counting its iterations so that others can see it run. */
    static void busyLoop(Interpreter interp, AtomicBoolean stop, AtomicLong progress) {
        while (!stop.get()) {
            progress.incrementAndGet();
            interp.poll();
        }
    }

    /**
     * Waits until the holder has made 1,000 more iterations, i.e. holds the lock and runs: so
     * that a request always finds the lock taken, however late the OS schedules the holder.
     */
    static void awaitHolderRunning(AtomicLong progress) {
        long start = progress.get();
        Sim.awaitTrue(() -> progress.get() > start + 1_000, Duration.ofSeconds(10), "the holder should be running");
    }

    private static TraceEvent nextAcquisition(List<TraceEvent> events, int from) {
        for (int j = from + 1; j < events.size(); j++) {
            if (events.get(j).kind() == TraceEvent.Kind.ACQUIRED) {
                return events.get(j);
            }
        }
        return null;
    }

    /**
     * Interval 60 s: a waiter that got the lock within 30 s got it from the voluntary release,
     * not from the end of its timed wait; the half interval is for the OS to wake it on a busy
     * machine (it takes microseconds on an idle one).
     */
    @Test
    void aVoluntaryReleaseWakesAWaiterAtOnce() throws Exception {
        Interpreter interp = Interpreter.create(
                InterpreterConfig.of(LockMode.SWITCH).withSwitchIntervalMicros(60_000_000));
        interp.attach();
        try {
            CountDownLatch acquired = new CountDownLatch(1);
            Thread waiter = Sim.startAttached(interp, "waiter", acquired::countDown, error);
            Sim.awaitTrue(() -> interp.waiters() == 1, Duration.ofSeconds(10), "the waiter should be waiting");
            boolean[] gotIt = new boolean[1];
            long[] nanos = new long[1];
            interp.runReleased(() -> {
                long t0 = System.nanoTime();
                gotIt[0] = await(acquired, 30_000);
                nanos[0] = System.nanoTime() - t0;
            });
            assertThat(gotIt[0]).as("the waiter took the released lock within 30 s (interval 60 s)").isTrue();
            Sim.join(waiter, interp);
            Sim.rethrow(error);
            assertThat(interp.stats().thread("waiter").counts().dropRequests()).as("the waiter never had to ask")
                    .isZero();
        } finally {
            interp.detach();
        }
    }

    /**
     * A holder with a drop request pending that releases voluntarily (instead of polling) hands
     * the lock over before {@code release()} returns: forced switching applies to it too.
     */
    @Test
    void aVoluntaryReleaseWithADropRequestPendingHandsTheLockOverBeforeReturning() throws Exception {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH).withSwitchIntervalMicros(2_000));
        interp.attach();
        try {
            // The waiter only takes the lock and leaves: the main thread joins it while holding the lock.
            Thread waiter = Sim.startAttached(interp, "waiter", () -> { }, error);
            Sim.awaitTrue(interp::dropRequested, Duration.ofSeconds(10), "the waiter should post a drop request");
            long before = interp.switchNumber();
            long afterRelease;
            try (ReleasedRegion _ = interp.release()) {
                afterRelease = interp.switchNumber();
            }
            assertThat(afterRelease).as("switch number when release() returned").isGreaterThan(before);
            Sim.join(waiter, interp);
            Sim.rethrow(error);
            LockStats.Counts main = interp.stats().thread(Thread.currentThread().getName()).counts();
            assertThat(main.forcedDrops()).as("a release is voluntary even when it hands over").isZero();
        } finally {
            interp.detach();
        }
    }

    @Test
    void theSwitchIntervalDefaultsToFiveMillisecondsAndClampsBelowOneMicrosecond() {
        Interpreter interp = Interpreter.create(LockMode.SWITCH);
        assertThat(interp.switchIntervalMicros()).as("CPython's default").isEqualTo(5_000);
        interp.setSwitchIntervalMicros(0);
        assertThat(interp.switchIntervalMicros()).as("0 clamps to 1 us").isEqualTo(1);
        interp.setSwitchIntervalMicros(-7);
        assertThat(interp.switchIntervalMicros()).as("negative clamps to 1 us").isEqualTo(1);
        interp.setSwitchIntervalMicros(250);
        assertThat(interp.switchIntervalMicros()).isEqualTo(250);
        assertThat(Interpreter.create(InterpreterConfig.defaults().withSwitchIntervalMicros(0)).switchIntervalMicros())
                .as("the configuration clamps too").isEqualTo(1);
    }

    /**
     * Changing the interval at run time applies to the next wait: 60 s, then 2 ms. Upper bound
     * 10 s: far below the old interval, which is what it tells apart, and far above any delay
     * the OS adds to the waiter's wake-up on a busy machine.
     */
    @Test
    void aNewSwitchIntervalAppliesAtRunTime() throws Exception {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH)
                .withSwitchIntervalMicros(60_000_000).withTrace(true));
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch holding = new CountDownLatch(1);
        Thread holder = Sim.startAttached(interp, "holder", () -> {
            holding.countDown();
            Sim.interpretUntil(interp, stop::get);
        }, error);
        holding.await();
        interp.setSwitchIntervalMicros(2_000);
        Thread waiter = Sim.startAttached(interp, "waiter", () -> { }, error);
        Sim.join(waiter, interp);
        stop.set(true);
        Sim.join(holder, interp);
        Sim.rethrow(error);
        TraceEvent request = Sim.events(interp.trace().events(), TraceEvent.Kind.REQUEST, "waiter").getFirst();
        TraceEvent drop = Sim.events(interp.trace().events(), TraceEvent.Kind.DROP_REQUEST, "waiter").getFirst();
        assertThat(drop.nanos() - request.nanos()).as("the 2 ms interval was used, not the 60 s one")
                .isBetween(1_800_000L, 10_000_000_000L);
    }

    static boolean await(CountDownLatch latch, long millis) {
        try {
            return latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
