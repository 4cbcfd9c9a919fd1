package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A thread that ends holding the lock gives it back, in every mode, while other threads wait
 * for it: through {@link Interpreter#attached}, which closes what its body left open (the
 * body's exception surviving, the misuse added as suppressed), and after a raw
 * {@code attach()} or {@code ensure()} never closed, which a waiter notices and releases on
 * the dead thread's behalf. Every wait is bounded ({@link Sim#joinAll} fails with a thread dump,
 * {@link Timeout} ends the test), so a regression fails instead of hanging the build.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ThreadEndTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final int WAITERS = 2;

    private final AtomicReference<Throwable> error = new AtomicReference<>();

    @ParameterizedTest
    @EnumSource(LockMode.class)
    void anExceptionLeavingAnEnsureOpenSurvivesAndTheLockIsGivenBack(LockMode mode) throws Exception {
        Interpreter interp = interpreter(mode);
        CountDownLatch holding = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread dying = Sim.start("dying", interp.attached(() -> {
            interp.ensure();
            holding.countDown();
            awaitWaiters(interp, mode);
            throw new IllegalStateException("original");
        }), thrown);
        List<Thread> waiters = startWaitersOnce(interp, holding);
        Sim.joinAll(all(dying, waiters), BOUND, interp);
        Sim.rethrow(error);

        assertThat(thrown.get()).as("the body's own exception is the one thrown")
                .isInstanceOf(IllegalStateException.class).hasMessage("original");
        assertThat(thrown.get().getSuppressed()).as("the misuse, added to it").singleElement()
                .isInstanceOf(LockMisuseException.class)
                .satisfies(m -> assertThat(m.getMessage()).contains("ensure() region still open"));
        assertBooksBalanced(interp, "dying", 0);
        assertThat(interp.stats().thread("dying").counts().diedHolding()).as("it detached itself").isZero();
    }

    static Stream<Arguments> modesAndEntries() {
        return Stream.of(LockMode.values()).flatMap(m -> Stream.of(Arguments.of(m, "attach"),
                Arguments.of(m, "ensure")));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("modesAndEntries")
    void aThreadThatEndsWithoutLeavingGivesTheLockBackToTheWaiters(LockMode mode, String entry) throws Exception {
        Interpreter interp = interpreter(mode);
        CountDownLatch holding = new CountDownLatch(1);
        Thread dying = Sim.start("dying", () -> {
            if (entry.equals("attach")) {
                interp.attach();
            } else {
                interp.ensure();
            }
            holding.countDown();
            awaitWaiters(interp, mode);
        }, error);
        List<Thread> waiters = startWaitersOnce(interp, holding);
        Sim.joinAll(all(dying, waiters), BOUND, interp);
        Sim.rethrow(error);

        assertBooksBalanced(interp, "dying", mode == LockMode.FREE ? 1 : 0);
        assertThat(interp.stats().thread("dying").counts().diedHolding())
                .as("released on the dead thread's behalf (free mode has no lock to release)")
                .isEqualTo(mode == LockMode.FREE ? 0 : 1);
        if (mode != LockMode.FREE) {
            assertThat(interp.trace().events()).as("the dead thread's final release is traced")
                    .anySatisfy(e -> {
                        assertThat(e.threadName()).isEqualTo("dying");
                        assertThat(e.kind()).isEqualTo(TraceEvent.Kind.RELEASED);
                        assertThat(e.drop()).isEqualTo(DropKind.FINAL);
                    });
        }
    }

    /** Nobody waits while the holder dies: the next thread to come still gets the lock. */
    @ParameterizedTest
    @EnumSource(LockMode.class)
    void aThreadArrivingAfterTheHolderEndedGetsTheLock(LockMode mode) throws Exception {
        Interpreter interp = interpreter(mode);
        Thread dying = Sim.start("dying", interp::attach, error);
        Sim.join(dying, interp);
        Thread late = Sim.startAttached(interp, "late", () -> Sim.interpret(interp, 100), error);
        Sim.join(late, interp);
        Sim.rethrow(error);
        assertBooksBalanced(interp, "dying", mode == LockMode.FREE ? 1 : 0);
    }

    /** A body that returns normally with regions left open: they are closed, and the misuse thrown after the detach. */
    @ParameterizedTest
    @EnumSource(LockMode.class)
    void regionsLeftOpenByABodyAreClosedInnermostFirstAndReported(LockMode mode) throws Exception {
        Interpreter interp = interpreter(mode);
        AtomicReference<ReleasedRegion> abandoned = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch holding = new CountDownLatch(1);
        Thread leaving = Sim.start("leaving", interp.attached(() -> {
            abandoned.set(interp.release());
            interp.ensure();
            interp.attach();
            holding.countDown();
            awaitWaiters(interp, mode);
        }), thrown);
        List<Thread> waiters = startWaitersOnce(interp, holding);
        Sim.joinAll(all(leaving, waiters), BOUND, interp);
        Sim.rethrow(error);

        assertThat(thrown.get()).as("what attached(...) threw").isInstanceOf(LockMisuseException.class)
                .hasMessageContaining("attach() still open").hasMessageContaining("closed on the way out");
        assertBooksBalanced(interp, "leaving", 0);
        assertThat(interp.stats().thread("leaving").counts().releasedRegions()).as("the region was opened").isOne();
        assertThatThrownBy(() -> abandoned.get().close()).as("a region closed on the way out stays closed")
                .isInstanceOf(LockMisuseException.class);
    }

    private static Interpreter interpreter(LockMode mode) {
        return Interpreter.create(InterpreterConfig.of(mode).withSwitchIntervalMicros(1_000).withTrace(true));
    }

    /** Waits until {@link #WAITERS} threads wait for the lock (in free mode nobody ever waits). */
    private static void awaitWaiters(Interpreter interp, LockMode mode) {
        if (mode != LockMode.FREE) {
            Sim.awaitTrue(() -> interp.waiters() >= WAITERS, BOUND, "the waiters queued for the lock");
        }
    }

    /** Threads that, once {@code holding} is open, attach, interpret a little and detach. */
    private List<Thread> startWaitersOnce(Interpreter interp, CountDownLatch holding) {
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            waiters.add(Sim.start("waiter-" + i, () -> {
                try {
                    if (!holding.await(BOUND.toNanos(), TimeUnit.NANOSECONDS)) {
                        throw new AssertionError("the holder never took the lock");
                    }
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                interp.attached(() -> Sim.interpret(interp, 100)).run();
            }, error));
        }
        return waiters;
    }

    private static List<Thread> all(Thread first, List<Thread> rest) {
        List<Thread> threads = new ArrayList<>(List.of(first));
        threads.addAll(rest);
        return threads;
    }

    /**
     * The thread {@code name} ended detached, holding nothing, and every acquisition has its
     * release but {@code unreleased}: in free mode nobody waits, so nobody releases a dead
     * thread's holding on its behalf (it excludes nobody).
     */
    private static void assertBooksBalanced(Interpreter interp, String name, long unreleased) {
        LockStats stats = interp.stats();
        assertThat(stats.thread(name).attached()).as("%s is no longer attached", name).isFalse();
        assertThat(stats.holdingThreads()).as("nobody holds the lock").isZero();
        assertThat(stats.total().acquisitions()).as("acquisitions = releases + unreleased")
                .isEqualTo(stats.total().releases() + unreleased);
    }
}
