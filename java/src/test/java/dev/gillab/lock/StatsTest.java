package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The statistics: exact counts for a scripted run, consistency under contention, reset, the table. */
class StatsTest {

    private final AtomicReference<Throwable> error = new AtomicReference<>();

    @Test
    void aScriptedRunIsCountedExactly() throws Exception {
        Interpreter interp = Interpreter.create(LockMode.SWITCH);
        interp.attach();
        Sim.interpret(interp, 10);
        for (int i = 0; i < 3; i++) {
            interp.runReleased(() -> { });
        }
        interp.sleep(Duration.ofMillis(1));
        interp.sleep(Duration.ofMillis(1));
        LockStats whileAttached = interp.stats();
        interp.detach();
        LockStats stats = interp.stats();

        assertThat(whileAttached.holdingThreads()).isEqualTo(1);
        assertThat(whileAttached.threads().getFirst().holding()).isTrue();
        LockStats.Counts c = stats.total();
        assertThat(c.acquisitions()).as("attach + 3 regions + 2 sleeps").isEqualTo(6);
        assertThat(c.voluntaryReleases()).as("3 regions + 2 sleeps + detach").isEqualTo(6);
        assertThat(c.forcedDrops()).isZero();
        assertThat(c.polls()).isEqualTo(10);
        assertThat(c.releasedRegions()).isEqualTo(3);
        assertThat(c.blockingCalls()).isEqualTo(2);
        assertThat(c.switches()).as("only the first take changed the last holder").isEqualTo(1);
        assertThat(c.heldNanos()).isPositive();
        assertThat(stats.waits().count()).as("one wait sample per acquisition").isEqualTo(6);
        assertThat(stats.holdingThreads()).isZero();
        assertThat(stats.threads()).hasSize(1);
        assertThat(stats.threads().getFirst().attached()).isFalse();
    }

    @Test
    void underContentionTheCountersAddUpAndThePercentilesAreOrdered() throws Exception {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH).withSwitchIntervalMicros(500));
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            threads.add(Sim.startAttached(interp, "t" + i, () -> {
                while (!stop.get()) {
                    Sim.interpret(interp, 1_000);
                    interp.runReleased(() -> { });
                }
            }, error));
        }
        Sim.awaitTrue(() -> interp.stats().total().forcedDrops() >= 30, Duration.ofSeconds(20), "30 forced drops");
        stop.set(true);
        Sim.joinAll(threads, Duration.ofSeconds(10), interp);
        Sim.rethrow(error);

        LockStats stats = interp.stats();
        LockStats.Counts total = stats.total();
        assertThat(total.acquisitions()).as("every acquisition ended in a release or drop\n" + stats)
                .isEqualTo(total.voluntaryReleases() + total.forcedDrops());
        assertThat(total.forcedDrops()).as("each forced drop answered a request")
                .isLessThanOrEqualTo(total.dropRequests());
        for (LockStats.ThreadSnapshot t : stats.threads()) {
            assertThat(t.counts().acquisitions()).as("thread %s", t.name()).isEqualTo(t.counts().releases());
        }
        assertThat(stats.threads().stream().mapToLong(t -> t.counts().polls()).sum()).isEqualTo(total.polls());
        LockStats.WaitTimes w = stats.waits();
        assertThat(w.count()).isEqualTo(total.acquisitions());
        assertThat(w.p50Nanos()).isLessThanOrEqualTo(w.p90Nanos());
        assertThat(w.p90Nanos()).isLessThanOrEqualTo(w.p99Nanos());
        assertThat(w.p99Nanos()).isLessThanOrEqualTo(w.p999Nanos());
        assertThat(w.p999Nanos()).isLessThanOrEqualTo(w.maxNanos());
        assertThat(w.maxNanos()).as("someone waited at least one interval").isGreaterThanOrEqualTo(450_000);
    }

    @Test
    void resetStartsFromZeroAndCountingGoesOn() throws Exception {
        Interpreter interp = Interpreter.create(LockMode.TICKS);
        interp.attach();
        try {
            Sim.interpret(interp, 500);
            assertThat(interp.stats().total().polls()).isEqualTo(500);
            interp.resetStats();
            LockStats.Counts zero = interp.stats().total();
            assertThat(zero.polls()).isZero();
            assertThat(zero.acquisitions()).isZero();
            assertThat(interp.stats().waits().count()).isZero();
            Sim.interpret(interp, 200);
            LockStats.Counts after = interp.stats().total();
            assertThat(after.polls()).isEqualTo(200);
            assertThat(after.forcedDrops()).as("the ticker was not reset, only the statistics").isEqualTo(2);
            assertThat(interp.stats().waits().count()).isEqualTo(2);
        } finally {
            interp.detach();
        }
    }

    @Test
    void theTableShowsEveryThreadAndTheTotal() throws Exception {
        Interpreter interp = Interpreter.create(LockMode.PRIORITY);
        Thread t = Sim.startAttached(interp, "worker-1", () -> Sim.interpret(interp, 10), error);
        Sim.join(t, interp);
        Sim.rethrow(error);
        String table = interp.stats().toString();
        assertThat(table).contains("priority").contains("switch interval 5000 us")
                .contains("thread").contains("acquired").contains("forced").contains("futile").contains("p99 us")
                .contains("worker-1").contains("TOTAL");
        assertThat(interp.stats().thread("worker-1").counts().polls()).isEqualTo(10);
    }

    @Test
    void virtualThreadsGetReadableNames() throws Exception {
        Interpreter interp = Interpreter.create(LockMode.SWITCH);
        Thread v = Thread.ofVirtual().start(interp.attached(() -> Sim.interpret(interp, 5)));
        v.join();
        LockStats.ThreadSnapshot t = interp.stats().threads().getFirst();
        assertThat(t.virtual()).isTrue();
        assertThat(t.name()).isEqualTo("virtual-" + v.threadId());
    }
}
