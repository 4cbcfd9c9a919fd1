package dev.gillab.stdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The event loop's rules: one thread, switches only at awaits, and what blocks the loop blocks every task. */
class EventLoopTest {

    private final Interpreter interpreter = Interpreter.create(LockMode.SWITCH);

    /** Runs {@code main} on a loop on this thread, attached to the interpreter for the run. */
    private <T> T run(Function<EventLoop, T> main) {
        interpreter.attach();
        try {
            return EventLoop.run(interpreter, main);
        } finally {
            interpreter.detach();
        }
    }

    @Test
    void tasksInterleaveOnlyAtTheirAwaitsInTheOrderTheyBecameReady() {
        List<String> log = new ArrayList<>();
        run(loop -> {
            Task<Void> a = loop.createTask("a", () -> {
                log.add("a1");
                loop.sleep(Duration.ZERO);
                log.add("a2");
                return null;
            });
            Task<Void> b = loop.createTask("b", () -> {
                log.add("b1");
                loop.sleep(Duration.ZERO);
                log.add("b2");
                return null;
            });
            Task<Void> c = loop.createTask("c", () -> {
                log.add("c1");
                log.add("c2");
                return null;
            });
            log.add("main");
            loop.gather(List.of(a, b, c));
            return null;
        });
        assertThat(log).as("main runs to its first await, then each task to its own; c never awaits")
                .containsExactly("main", "a1", "b1", "c1", "c2", "a2", "b2");
    }

    @Test
    void gatherReturnsTheResultsInOrderAndAwaitRethrowsATasksException() {
        List<Integer> results = run(loop -> loop.gather(IntStream.range(0, 5)
                .mapToObj(i -> loop.createTask("t" + i, () -> {
                    loop.sleep(Duration.ofMillis(5 - i));
                    return i * i;
                })).toList()));
        assertThat(results).containsExactly(0, 1, 4, 9, 16);

        assertThatThrownBy(() -> run(loop -> loop.await(loop.createTask("bad", () -> {
            loop.sleep(Duration.ZERO);
            throw new ArithmeticException("in the task");
        })))).isInstanceOf(ArithmeticException.class).hasMessage("in the task");
    }

    /**
     * A hundred tasks each awaiting a 200 ms sleep finish together: the loop waits once, for the
     * earliest timer, and finds them all due. At least 200 ms by construction; the upper bound,
     * five sleeps, leaves room for a loaded machine, and 100 sequential sleeps would take 20 s.
     */
    @Test
    void aHundredConcurrentSleepsTakeAboutOneSleep() {
        long start = System.nanoTime();
        int done = run(loop -> loop.gather(IntStream.range(0, 100)
                .mapToObj(i -> loop.createTask("sleeper" + i, () -> {
                    loop.sleep(Duration.ofMillis(200));
                    return 1;
                })).toList()).stream().mapToInt(Integer::intValue).sum());
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(done).isEqualTo(100);
        assertThat(tookMillis).isBetween(200L, 1_000L);
    }

    /** A heartbeat task that sleeps 1 ms at a time and records the longest gap between its beats, until stopped. */
    private static final class Heartbeat {
        volatile boolean stop;
        long beats;
        long longestGapNanos;

        Task<Void> start(EventLoop loop) {
            return loop.createTask("heartbeat", () -> {
                long last = System.nanoTime();
                while (!stop) {
                    loop.sleep(Duration.ofMillis(1));
                    long now = System.nanoTime();
                    longestGapNanos = Math.max(longestGapNanos, now - last);
                    last = now;
                    beats++;
                }
                return null;
            });
        }
    }

    @Test
    void aBlockingCallInsideATaskStallsEveryTaskForItsWholeLength() {
        Heartbeat heart = new Heartbeat();
        EventLoop.Stats stats = run(loop -> {
            Task<Void> beating = heart.start(loop);
            loop.sleep(Duration.ofMillis(20));
            Task<Void> blocker = loop.createTask("blocker", () -> {
                sleepBlocking(loop.interpreter(), 300); // time.sleep(0.3) inside a coroutine
                return null;
            });
            loop.await(blocker);
            heart.stop = true;
            loop.await(beating);
            return loop.stats();
        });
        assertThat(heart.longestGapNanos).as("the heartbeat waited out the whole blocking call")
                .isGreaterThanOrEqualTo(300_000_000L);
        assertThat(stats.slowSteps()).as("asyncio's debug mode would report the blocking step")
                .isGreaterThanOrEqualTo(1);
    }

    /**
     * The same blocking call handed to a worker thread: the loop never runs a step as long as
     * asyncio's slow-callback threshold (the call is not a step of the loop's), and the
     * heartbeat goes on beating while the call blocks (about 300 beats of 1 ms; at least 10
     * even on a machine busy enough to delay each wake-up by 20 ms).
     */
    @Test
    void toThreadMovesABlockingCallOffTheLoopWhichStaysResponsive() {
        Heartbeat heart = new Heartbeat();
        long[] beatsDuringTheCall = new long[1];
        String[] worker = new String[1];
        EventLoop.Stats stats = run(loop -> {
            Task<Void> beating = heart.start(loop);
            loop.sleep(Duration.ofMillis(20));
            long before = heart.beats;
            String thread = loop.toThread(() -> {
                sleepBlocking(loop.interpreter(), 300);
                return Thread.currentThread().getName();
            });
            beatsDuringTheCall[0] = heart.beats - before;
            worker[0] = thread;
            heart.stop = true;
            loop.await(beating);
            return loop.stats();
        });
        assertThat(worker[0]).startsWith("asyncio-worker-");
        assertThat(stats.slowSteps()).as("no step of the loop's took 100 ms: " + stats).isZero();
        assertThat(beatsDuringTheCall[0]).as("heartbeats while the worker blocked").isGreaterThanOrEqualTo(10);
        assertThat(interpreter.stats().threads()).as("the loop thread and one worker were attached").hasSize(2);
    }

    /**
     * A CPU-bound interpreted call handed to a worker still needs the interpreter lock: the
     * loop thread, which needs it to run each step, waits a switch interval and asks the worker
     * to drop it. The drop requests are the loop's lag.
     */
    @Test
    void anInterpretedCpuBoundCallInAWorkerStillTakesTheLockFromTheLoop() {
        Heartbeat heart = new Heartbeat();
        run(loop -> {
            Task<Void> beating = heart.start(loop);
            loop.toThread(() -> {
                long end = System.nanoTime() + 200_000_000L;
                while (System.nanoTime() < end) {
                    loop.interpreter().poll(); // interpreted code: holds the lock, polls it
                }
                return null;
            });
            heart.stop = true;
            loop.await(beating);
            return null;
        });
        assertThat(interpreter.stats().total().dropRequests())
                .as("the loop asked the computing worker to drop the lock")
                .isGreaterThanOrEqualTo(1);
        assertThat(heart.longestGapNanos).as("a beat waited at least one switch interval for the lock")
                .isGreaterThanOrEqualTo(interpreter.switchIntervalMicros() * 1_000L);
    }

    @Test
    void awaitingOutsideATaskOrWithTheLockReleasedOrForeverIsRefused() {
        assertThatThrownBy(() -> EventLoop.run(interpreter, loop -> null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("attached");
        assertThatThrownBy(() -> run(loop -> {
            loop.interpreter().runReleased(() -> loop.sleep(Duration.ZERO));
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("released the lock");
        EventLoop[] finished = new EventLoop[1];
        run(loop -> finished[0] = loop);
        assertThatThrownBy(() -> finished[0].sleep(Duration.ZERO)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside a task");
        assertThatThrownBy(() -> run(loop -> {
            Task<?>[] self = new Task<?>[1];
            self[0] = loop.createTask("self", () -> loop.await(self[0]));
            return loop.await(self[0]);
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("can never finish");
        assertThatThrownBy(() -> run(loop -> {
            loop.sleep(Duration.ofMillis(-1));
            return null;
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(interpreter.holdsLock()).as("every refusal left the lock free").isFalse();
    }

    private static void sleepBlocking(Interpreter interpreter, long millis) {
        try {
            interpreter.sleep(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
