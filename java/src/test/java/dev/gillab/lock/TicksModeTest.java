package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.testing.TwoFreeCores;
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
     * before the woken waiter runs, so most forced releases are not switches. Nobody ever posts
     * a drop request or times out.
     */
    @Test
    void twoBusyThreadsFightTheGilBattle() throws Exception {
        LockStats stats = battle(20_000);
        LockStats.Counts c = stats.total();
        assertThat(c.dropRequests()).as("the old lock never asks anyone to drop").isZero();
        assertThat(c.waitTimeouts()).as("the old lock's waiters never time out").isZero();
        assertThat(c.switchWaits()).as("no forced switching").isZero();
        assertThat(c.switches()).as("the releaser usually wins: switches well below forced releases\n" + stats)
                .isLessThan(c.forcedDrops() / 2);
    }

    /**
     * The waiter is woken by each release and finds the lock taken again. That needs the two
     * threads really running at once: on a machine whose cores are taken by other work the
     * waiter is not scheduled until the holder is preempted, and may then find the lock free
     * every time; so the check is made only with two free cores around it.
     */
    @Test
    void waitersWakeUpToFindTheLockTakenAgain() {
        TwoFreeCores.assertWithinAttempts("futile wake-ups of two busy threads, ticks", 3,
                () -> battle(5_000).total().futileWakeups(), futile -> futile > 0);
    }

    /** Two attached threads interpret until the lock has been force-released {@code forcedDrops} times. */
    private LockStats battle(long forcedDrops) {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.TICKS));
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            threads.add(Sim.startAttached(interp, name, () -> Sim.interpretUntil(interp, stop::get), error));
        }
        Sim.awaitTrue(() -> interp.stats().total().forcedDrops() >= forcedDrops, Duration.ofSeconds(20),
                "two busy threads should release " + forcedDrops + " times");
        stop.set(true);
        try {
            Sim.joinAll(threads, Duration.ofSeconds(10), interp);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while joining the battle's threads", e);
        }
        Sim.rethrow(error);
        return interp.stats();
    }
}
