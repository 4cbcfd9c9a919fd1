package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;

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
     * The battle's mechanism, one release at a time: a thread waits for the lock, the holder
     * makes one forced release and re-takes the lock at once, then keeps it while sleeping. The
     * release woke the waiter, which finds the lock taken again: exactly one futile wake-up.
     * Whether the holder re-takes the lock before the woken waiter gets to it is up to the
     * scheduler (the waiter may win, which is a switch and not what this test is about), so the
     * round is repeated until the holder has re-won once; the holder runs on and the waiter must
     * first be scheduled, so that happens in nearly every round. The count itself is exact.
     */
    @Test
    void aWaiterWokenByAReleaseThatTheHolderReWonFindsTheLockTaken() throws Exception {
        int rounds = 50;
        for (int round = 1; round <= rounds; round++) {
            Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.TICKS).withCheckInterval(1_000));
            interp.attach();
            Thread waiter;
            boolean reWon;
            try {
                waiter = Sim.startAttached(interp, "waiter", () -> { }, error);
                Sim.awaitTrue(() -> interp.waiters() == 1, Duration.ofSeconds(10),
                        "the waiter should wait for the lock");
                Sim.interpret(interp, 1_000); // the 1,000th poll releases and re-takes
                assertThat(interp.stats().total().forcedDrops()).as("one forced release").isEqualTo(1);
                reWon = interp.stats().total().switches() == 1; // only the first attach changed the holder
                if (reWon) {
                    Sim.awaitTrue(() -> interp.stats().total().futileWakeups() >= 1, Duration.ofSeconds(10),
                            "the woken waiter should find the lock taken again");
                }
            } finally {
                interp.detach();
            }
            Sim.join(waiter, interp);
            Sim.rethrow(error);
            if (reWon) {
                LockStats.Counts c = interp.stats().total();
                assertThat(c.futileWakeups()).as("one release, one wake-up that found the lock taken\n"
                        + interp.stats())
                        .isEqualTo(1);
                assertThat(c.switches()).as("the first attach, then the waiter once the holder detached").isEqualTo(2);
                return;
            }
        }
        throw new AssertionError("in " + rounds + " rounds the woken waiter always won the lock before its holder "
                + "re-took it: is the lock mode really 'ticks'?");
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
