package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Beazley's priorities: an I/O-bound thread preempts a CPU-bound holder at once, which cures
 * the convoy effect that the switch mode shows with the same workload.
 */
class PriorityModeTest {

    private static final int ROUNDS = 8;
    private final AtomicReference<Throwable> error = new AtomicReference<>();

    /** What the I/O thread measured. */
    record Convoy(long[] retakeNanos, long[] requestToDropRequestNanos) {
    }

    /**
     * A CPU-bound thread spins; an I/O-bound thread does ROUNDS x (blocking call, a little
     * interpreted work); each blocking call lasts until the CPU-bound thread holds the lock. Returns how long each
     * re-take after a blocking call took, and how long after each request the drop request was posted.
     *
     * <p>To start, the spinner must be CPU-bound, i.e. have been forced once: a 1 ms interval
     * and one round trip of the I/O thread do that; then the interval becomes {@code intervalMicros}.
     */
    private Convoy runConvoy(LockMode mode, long intervalMicros) throws Exception {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(mode).withSwitchIntervalMicros(1_000)
                .withTrace(true));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong progress = new AtomicLong();
        Thread cpu = Sim.startAttached(interp, "cpu", () -> SwitchModeTest.busyLoop(interp, stop, progress), error);
        long[] retake = new long[ROUNDS];
        Thread io = Sim.start("io", () -> {
            SwitchModeTest.awaitHolderRunning(progress);
            interp.attached(() -> {
                Sim.interpret(interp, 10); // the cpu thread was forced once: now CPU-bound
                interp.setSwitchIntervalMicros(intervalMicros);
                for (int i = 0; i < ROUNDS; i++) {
                    // A blocking call that lasts until the cpu thread holds the lock and runs,
                    // however late the OS schedules it; the release makes this thread I/O-bound.
                    interp.blocking(() -> {
                        SwitchModeTest.awaitHolderRunning(progress);
                        return null;
                    });
                    // The re-take happened inside sleep(); its wait is the acquisition's wait time.
                    Sim.interpret(interp, 10);
                }
            }).run();
        }, error);
        Sim.joinAll(List.of(io), Duration.ofSeconds(30), interp);
        stop.set(true);
        Sim.join(cpu, interp);
        Sim.rethrow(error);

        List<TraceEvent> events = interp.trace().events();
        // Each round's re-take: the io thread's first request and acquisition after its blocking
        // call ended. (Other requests may come between rounds: a slow stretch of interpreted
        // work on a busy machine can be forced to drop, which is not what is measured here.)
        List<TraceEvent[]> rounds = new ArrayList<>();
        TraceEvent request = null;
        boolean returning = false;
        for (TraceEvent e : events) {
            if (!e.threadName().equals("io")) {
                continue;
            }
            switch (e.kind()) {
                case BLOCKING_END -> returning = true;
                case REQUEST -> request = returning ? e : null;
                case ACQUIRED -> {
                    if (request != null) {
                        rounds.add(new TraceEvent[] {request, e});
                    }
                    request = null;
                    returning = false;
                }
                default -> { }
            }
        }
        assertThat(rounds).as("re-takes after the blocking calls").hasSize(ROUNDS);
        long[] toDropRequest = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            TraceEvent roundRequest = rounds.get(i)[0];
            retake[i] = rounds.get(i)[1].nanos() - roundRequest.nanos();
            toDropRequest[i] = events.stream()
                    .filter(e -> e.sequence() > roundRequest.sequence() && e.kind() == TraceEvent.Kind.DROP_REQUEST
                            && e.threadName().equals("io"))
                    .findFirst().map(e -> e.nanos() - roundRequest.nanos()).orElse(-1L);
        }
        return new Convoy(retake, toDropRequest);
    }

    /**
     * Interval 1 s: each of the I/O thread's requests preempts the CPU-bound holder at once.
     * Bound: half the interval. Without the priority rule the drop request only comes after a
     * timed-out wait, at least 0.9 s (the switch-mode test below); with it, the preemption takes
     * microseconds, and the half second left is for the OS to schedule the two threads on a busy
     * machine.
     */
    @Test
    void anIoBoundThreadPreemptsACpuBoundHolderAtOnce() throws Exception {
        Convoy c = runConvoy(LockMode.PRIORITY, 1_000_000);
        for (int i = 0; i < ROUNDS; i++) {
            assertThat(c.requestToDropRequestNanos()[i]).as("round %d: drop request posted after the request (ns)", i)
                    .isBetween(0L, TimeUnit.MILLISECONDS.toNanos(500));
            assertThat(c.retakeNanos()[i]).as("round %d: re-take after the blocking call (ns), interval 1 s", i)
                    .isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
        }
    }

    /**
     * The same workload in switch mode, interval 100 ms: every return from the blocking call
     * waits about one interval (the convoy effect). 0.9 x interval is the timed wait's floor.
     */
    @Test
    void inSwitchModeTheSameIoThreadPaysAnIntervalPerBlockingCall() throws Exception {
        Convoy c = runConvoy(LockMode.SWITCH, 100_000);
        for (int i = 0; i < ROUNDS; i++) {
            assertThat(c.retakeNanos()[i]).as("round %d: re-take after the blocking call (ns), interval 100 ms", i)
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(90));
        }
    }

    /**
     * Two CPU-bound threads never preempt each other at once: after the first forced drops
     * both are CPU-bound, and every drop request still comes one interval after the request.
     */
    @Test
    void cpuBoundThreadsStillSwitchOnlyEveryInterval() throws Exception {
        long interval = TimeUnit.MILLISECONDS.toNanos(10);
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.PRIORITY)
                .withSwitchIntervalMicros(10_000).withTrace(true));
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            threads.add(Sim.startAttached(interp, name, () -> Sim.interpretUntil(interp, stop::get), error));
        }
        Sim.awaitTrue(() -> interp.stats().total().forcedDrops() >= 10, Duration.ofSeconds(20), "10 switches");
        stop.set(true);
        Sim.joinAll(threads, Duration.ofSeconds(10), interp);
        Sim.rethrow(error);
        List<TraceEvent> events = interp.trace().events();
        int checked = 0;
        for (TraceEvent drop : events) {
            if (drop.kind() != TraceEvent.Kind.DROP_REQUEST) {
                continue;
            }
            TraceEvent request = events.stream()
                    .filter(e -> e.sequence() < drop.sequence() && e.kind() == TraceEvent.Kind.REQUEST
                            && e.threadName().equals(drop.threadName()))
                    .reduce((x, y) -> y).orElseThrow();
            assertThat(drop.nanos() - request.nanos()).as("drop request by %s, ns after its request", drop.threadName())
                    .isGreaterThanOrEqualTo(interval * 9 / 10);
            checked++;
        }
        assertThat(checked).as("drop requests checked").isGreaterThanOrEqualTo(10);
    }
}
