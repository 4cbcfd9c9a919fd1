package dev.gillab.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lock that an undeclared extension brings back into a free interpreter
 * ({@link Interpreter#load}), and {@code PYTHON_GIL} ({@link PythonGil}). The live switch under
 * load is in {@link StressTest}; mutual exclusion across it is also a jcstress test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LockComesBackTest {

    private final AtomicReference<Throwable> error = new AtomicReference<>();

    @Test
    void aFreeInterpreterHasNoLockUntilAnUndeclaredExtensionIsLoaded() throws Exception {
        Interpreter interp = Interpreter.create(LockMode.FREE);
        AtomicBoolean declared = new AtomicBoolean(true);
        AtomicBoolean undeclared = new AtomicBoolean();
        AtomicBoolean second = new AtomicBoolean(true);
        AtomicBoolean offBefore = new AtomicBoolean();
        Sim.join(Sim.startAttached(interp, "importer", () -> {
            offBefore.set(!interp.isGilEnabled());
            declared.set(interp.load(Extension.declared("modern")));
            offBefore.compareAndSet(true, !interp.isGilEnabled());
            undeclared.set(interp.load(Extension.undeclared("legacy")));
            second.set(interp.load(Extension.undeclared("older")));
        }, error), interp);
        Sim.rethrow(error);

        assertThat(offBefore).as("no lock before, nor after a declared extension").isTrue();
        assertThat(declared).as("a declared extension changes nothing").isFalse();
        assertThat(undeclared).as("an undeclared extension turns the lock on").isTrue();
        assertThat(second).as("the lock is on already: a second one changes nothing").isFalse();
        assertThat(interp.isGilEnabled()).isTrue();
        assertThat(interp.mode()).as("the interpreter is still the free-threaded build").isEqualTo(LockMode.FREE);
        GilEnabled why = interp.stats().gilEnabled();
        assertThat(why).isNotNull();
        assertThat(why.extension()).isEqualTo("legacy");
        assertThat(why.threadName()).isEqualTo("importer");
        assertThat(why.warning()).contains("enabled to load module 'legacy'").contains("PYTHON_GIL=0");
        assertThat(interp.stats().table()).contains("lock enabled at").contains("loading 'legacy'");
    }

    @Test
    void afterTheSwitchAThreadThatHoldsWithoutPollingKeepsEveryoneOut() throws Exception {
        Interpreter interp = Interpreter.create(LockMode.FREE);
        Sim.join(Sim.startAttached(interp, "importer", () -> interp.load(Extension.undeclared("legacy")), error),
                interp);
        assertThat(interp.isGilEnabled()).isTrue();

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Thread holder = Sim.startAttached(interp, "holder", () -> {
            holding.countDown();
            SwitchModeTest.await(letGo, 20_000);
        }, error);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean entered = new AtomicBoolean();
        Thread other = Sim.startAttached(interp, "other", () -> entered.set(true), error);
        Sim.awaitTrue(() -> interp.waiters() == 1, Duration.ofSeconds(10), "the other thread waits for the lock");
        assertThat(entered).as("the other thread is kept out").isFalse();
        letGo.countDown();
        Sim.join(holder, interp);
        Sim.join(other, interp);
        Sim.rethrow(error);
        assertThat(entered).isTrue();
    }

    /**
     * The switch with a thread running freely: the loader waits for it; the thread drops at its
     * next poll (a forced drop) and goes on under the lock.
     */
    @Test
    void aThreadHoldingFreelyIsStoppedAtItsNextPollAndGoesOnUnderTheLock() throws Exception {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.FREE).withTrace(true));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch mayPoll = new CountDownLatch(1);
        AtomicBoolean heldAfterPoll = new AtomicBoolean();
        Thread worker = Sim.startAttached(interp, "worker", () -> {
            running.countDown();
            SwitchModeTest.await(mayPoll, 20_000); // holding freely, not polling
            interp.poll();
            heldAfterPoll.set(interp.holdsLock() && interp.isGilEnabled());
        }, error);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean enabled = new AtomicBoolean();
        Thread loader = Sim.startAttached(interp, "loader",
                () -> enabled.set(interp.load(Extension.undeclared("legacy"))), error);
        Sim.awaitTrue(() -> interp.toString().contains("stopping the world"), Duration.ofSeconds(10),
                "the loader stops the world");
        assertThat(loader.isAlive()).as("the loader waits for the worker to poll").isTrue();
        assertThat(interp.isGilEnabled()).as("not on while a thread still holds freely").isFalse();
        mayPoll.countDown();
        Sim.join(loader, interp);
        Sim.join(worker, interp);
        Sim.rethrow(error);

        assertThat(enabled).isTrue();
        assertThat(heldAfterPoll).as("the worker holds the real lock after its poll").isTrue();
        LockStats stats = interp.stats();
        assertThat(stats.thread("worker").counts().forcedDrops()).as("the stop is a forced drop").isEqualTo(1);
        List<TraceEvent> loaderEvents = interp.trace().events().stream()
                .filter(e -> e.threadName().equals("loader")).toList();
        assertThat(loaderEvents).extracting(TraceEvent::kind).containsSubsequence(
                TraceEvent.Kind.RELEASED, TraceEvent.Kind.GIL_ENABLED, TraceEvent.Kind.REQUEST,
                        TraceEvent.Kind.ACQUIRED);
        long enabledAt = loaderEvents.stream().filter(e -> e.kind() == TraceEvent.Kind.GIL_ENABLED)
                .findFirst().orElseThrow().nanos();
        assertThat(stats.gilEnabled().nanos()).as("stats and trace agree on when").isLessThanOrEqualTo(enabledAt);
    }

    /** A thread that ended while holding freely (attached, never detached) does not stop the switch for ever. */
    @Test
    void aThreadThatDiedHoldingFreelyDoesNotBlockTheSwitch() throws Exception {
        Interpreter interp = Interpreter.create(LockMode.FREE);
        Thread dead = Sim.start("dead", interp::attach, error); // ends attached, holding freely
        Sim.join(dead, interp);
        AtomicBoolean enabled = new AtomicBoolean();
        Sim.join(Sim.startAttached(interp, "loader",
                () -> enabled.set(interp.load(Extension.undeclared("legacy"))), error), interp);
        Sim.rethrow(error);
        assertThat(enabled).isTrue();
        assertThat(interp.isGilEnabled()).isTrue();
    }

    @Test
    void concurrentLoadsTurnTheLockOnOnce() throws Exception {
        Interpreter interp = Interpreter.create(LockMode.FREE);
        int loaders = 4;
        CyclicBarrier together = new CyclicBarrier(loaders);
        AtomicInteger enabledBy = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < loaders; i++) {
            threads.add(Sim.startAttached(interp, "loader-" + i, () -> {
                try {
                    together.await(10, TimeUnit.SECONDS); // all hold freely together
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                if (interp.load(Extension.undeclared("legacy"))) {
                    enabledBy.incrementAndGet();
                }
                Sim.interpret(interp, 1_000);
            }, error));
        }
        Sim.joinAll(threads, Duration.ofSeconds(30), interp);
        Sim.rethrow(error);
        assertThat(enabledBy.get()).as("loads that turned the lock on").isEqualTo(1);
        assertThat(interp.isGilEnabled()).isTrue();
    }

    @Test
    void pythonGilZeroKeepsTheLockOffWhateverIsLoaded() throws Exception {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.FREE).withPythonGil(PythonGil.OFF));
        CyclicBarrier bothInside = new CyclicBarrier(2);
        AtomicBoolean turnedOn = new AtomicBoolean(true);
        Runnable body = () -> {
            turnedOn.set(interp.load(Extension.undeclared("legacy")));
            try {
                bothInside.await(10, TimeUnit.SECONDS); // impossible if the lock excluded
            } catch (Exception e) {
                throw new AssertionError("both threads should hold at once", e);
            }
        };
        Thread a = Sim.startAttached(interp, "a", body, error);
        Thread b = Sim.startAttached(interp, "b", body, error);
        Sim.join(a, interp);
        Sim.join(b, interp);
        Sim.rethrow(error);
        assertThat(turnedOn).isFalse();
        assertThat(interp.isGilEnabled()).isFalse();
        assertThat(interp.stats().gilEnabled()).isNull();
    }

    @Test
    void pythonGilOneStartsWithTheLock() throws Exception {
        Interpreter interp = Interpreter.create(InterpreterConfig.of(LockMode.FREE).withPythonGil(PythonGil.ON));
        assertThat(interp.isGilEnabled()).isTrue();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        AtomicBoolean loadChanged = new AtomicBoolean(true);
        Thread holder = Sim.startAttached(interp, "holder", () -> {
            loadChanged.set(interp.load(Extension.undeclared("legacy")));
            holding.countDown();
            SwitchModeTest.await(letGo, 20_000);
        }, error);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        Thread other = Sim.startAttached(interp, "other", () -> { }, error);
        Sim.awaitTrue(() -> interp.waiters() == 1, Duration.ofSeconds(10), "the other thread waits for the lock");
        letGo.countDown();
        Sim.join(holder, interp);
        Sim.join(other, interp);
        Sim.rethrow(error);
        assertThat(loadChanged).isFalse();
        assertThat(interp.stats().gilEnabled()).as("on from the start: it did not come back").isNull();
    }

    @ParameterizedTest
    @EnumSource(value = LockMode.class, names = "FREE", mode = EnumSource.Mode.EXCLUDE)
    void buildsWithTheLockHaveItAlwaysAndRefusePythonGil(LockMode mode) throws Exception {
        for (PythonGil setting : List.of(PythonGil.OFF, PythonGil.ON)) {
            assertThatThrownBy(() -> InterpreterConfig.of(mode).withPythonGil(setting))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(setting.label()).hasMessageContaining("free");
        }
        Interpreter interp = Interpreter.create(mode);
        AtomicBoolean changed = new AtomicBoolean(true);
        Sim.join(Sim.startAttached(interp, "importer",
                () -> changed.set(interp.load(Extension.undeclared("legacy"))), error), interp);
        Sim.rethrow(error);
        assertThat(interp.isGilEnabled()).isTrue();
        assertThat(changed).isFalse();
        assertThat(interp.stats().gilEnabled()).isNull();
    }

    @Test
    void loadingNeedsTheLock() throws Exception {
        Interpreter interp = Interpreter.create(LockMode.FREE);
        assertThatThrownBy(() -> interp.load(Extension.undeclared("legacy")))
                .isInstanceOf(LockMisuseException.class).hasMessageContaining("not attached");
        AtomicReference<Throwable> inRegion = new AtomicReference<>();
        Sim.join(Sim.startAttached(interp, "t", () -> interp.runReleased(() -> {
            try {
                interp.load(Extension.undeclared("legacy"));
            } catch (LockMisuseException e) {
                inRegion.set(e);
            }
        }), error), interp);
        Sim.rethrow(error);
        assertThat(inRegion.get()).isInstanceOf(LockMisuseException.class).hasMessageContaining("released region");
        assertThat(interp.isGilEnabled()).as("a refused load changes nothing").isFalse();
        assertThatThrownBy(() -> Extension.undeclared(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWarningNamesTheExtensionAndTheSwitchIntervalCarriesOver() throws Exception {
        Logger logger = Logger.getLogger("dev.gillab.lock");
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (records) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            Interpreter interp = Interpreter.create(LockMode.FREE);
            interp.setSwitchIntervalMicros(1_234);
            Sim.join(Sim.startAttached(interp, "importer",
                    () -> interp.load(Extension.undeclared("legacy_ext")), error), interp);
            Sim.rethrow(error);
            assertThat(interp.toString()).contains("lock enabled").contains("interval 1234 us");
        } finally {
            logger.removeHandler(handler);
        }
        synchronized (records) {
            assertThat(records).extracting(LogRecord::getMessage)
                    .anySatisfy(m -> assertThat(m).contains("RuntimeWarning")
                            .contains("has been enabled to load module 'legacy_ext'"));
        }
    }
}
