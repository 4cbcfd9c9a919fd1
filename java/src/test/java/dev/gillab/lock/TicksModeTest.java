package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The old GIL: a release and re-take every check interval, no hand-off, and the battle that follows. */
class TicksModeTest {

    private final AtomicReference<Throwable> error = new AtomicReference<>();

    @Test
    void theHolderReleasesAndRetakesExactlyEveryCheckIntervalPolls() {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.TICKS).withCheckInterval(7));
        interp.attach();
        try {
            Sim.interpret(interp, 700);
            LockStats.Counts c = interp.stats().total();
            assertThat(c.polls()).isEqualTo(700);
            assertThat(c.forcedDrops()).as("700 polls / check interval 7").isEqualTo(100);
            assertThat(c.acquisitions()).as("the attach plus one re-take per forced release").isEqualTo(101);
            Sim.interpret(interp, 6);
            assertThat(interp.stats().total().forcedDrops()).as("6 more polls: not yet").isEqualTo(100);
            Sim.interpret(interp, 1);
            assertThat(interp.stats().total().forcedDrops()).as("the 7th poll releases").isEqualTo(101);
        } finally {
            interp.detach();
        }
    }

    @Test
    void aNewCheckIntervalAppliesFromTheNextReset() {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.TICKS).withCheckInterval(10));
        interp.attach();
        try {
            interp.setCheckInterval(3);
            Sim.interpret(interp, 10);
            assertThat(interp.stats().total().forcedDrops()).as("the running count of 10 finishes first").isEqualTo(1);
            Sim.interpret(interp, 30);
            assertThat(interp.stats().total().forcedDrops()).as("then every 3 polls").isEqualTo(11);
        } finally {
            interp.detach();
        }
    }

    /**
     * Two CPU-bound threads on a multicore machine: the releaser usually re-takes the lock
     * before the woken waiter runs, so most forced releases are not switches, and the waiter
     * wakes up to find the lock taken again. Nobody ever posts a drop request or times out.
     */
    @Test
    void twoBusyThreadsFightTheGilBattle() throws Exception {
        assumeThat(Runtime.getRuntime().availableProcessors()).as("the GIL battle needs two cores").isGreaterThanOrEqualTo(2);
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.TICKS));
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            threads.add(Sim.startAttached(interp, name, () -> Sim.interpretUntil(interp, stop::get), error));
        }
        Sim.awaitTrue(() -> interp.stats().total().forcedDrops() >= 20_000, Duration.ofSeconds(20),
                "two busy threads should release 20,000 times");
        stop.set(true);
        Sim.joinAll(threads, Duration.ofSeconds(10), interp);
        Sim.rethrow(error);

        LockStats stats = interp.stats();
        LockStats.Counts c = stats.total();
        assertThat(c.dropRequests()).as("the old lock never asks anyone to drop").isZero();
        assertThat(c.waitTimeouts()).as("the old lock's waiters never time out").isZero();
        assertThat(c.switchWaits()).as("no forced switching").isZero();
        assertThat(c.futileWakeups()).as("waiters woke up and found the lock taken again\n" + stats).isPositive();
        assertThat(c.switches()).as("the releaser usually wins: switches well below forced releases\n" + stats)
                .isLessThan(c.forcedDrops() / 2);
    }
}
