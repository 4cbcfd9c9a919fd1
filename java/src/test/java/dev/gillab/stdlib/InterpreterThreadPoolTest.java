package dev.gillab.stdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.kernel.JavaKernels;
import dev.gillab.kernel.Kernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.LockStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The thread pool: attached workers, tasks that hold the lock, waits that release it, results in order. */
class InterpreterThreadPoolTest {

    @Test
    void mapReturnsTheResultsInTheOrderOfTheItems() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        Kernels interpreted = KernelsUnderLock.interpreted(interpreter);
        List<Integer> items = IntStream.range(0, 20).boxed().toList();
        try (InterpreterThreadPool pool = new InterpreterThreadPool(interpreter, 3, "pool")) {
            List<Long> results = pool.map(i -> interpreted.countdown(1_000L * i), items);
            assertThat(results).as("countdown(1000 i) for i = 0..19, in order")
                    .isEqualTo(items.stream().map(i -> new JavaKernels().countdown(1_000L * i)).toList());
        }
    }

    @Test
    void workersAreAttachedAndRunEachTaskHoldingTheLock() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        try (InterpreterThreadPool pool = new InterpreterThreadPool(interpreter, 2, "worker")) {
            LockStats ready = interpreter.stats();
            assertThat(ready.threads()).as("both workers attached before the constructor returned").hasSize(2)
                    .allSatisfy(t -> assertThat(t.name()).startsWith("worker-"))
                    .allSatisfy(t -> assertThat(t.attached()).isTrue());
            assertThat(ready.holdingThreads()).as("idle workers wait with the lock released").isZero();
            assertThat(pool.map(i -> interpreter.holdsLock(), List.of(1, 2, 3, 4)))
                    .as("every task holds the lock").containsOnly(true);
        }
        assertThat(interpreter.stats().threads()).as("closing detaches every worker")
                .noneMatch(LockStats.ThreadSnapshot::attached);
    }

    /**
     * A worker detaches after the executor's loop has returned, and the executor counts it
     * terminated inside that loop: a close() that only awaited the executor's termination
     * returned while the worker was still attached. Here the worker is held between its loop
     * and its detach (the pool's test hook) until the test lets it go: close() must still be
     * waiting a second later. The old close() returned within microseconds of the executor's
     * termination, so it failed this test every time, whatever the scheduling.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void closeReturnsOnlyOnceEveryWorkerHasDetachedAndEnded() throws InterruptedException {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        CountDownLatch leftLoop = new CountDownLatch(1);
        CountDownLatch letDetach = new CountDownLatch(1);
        InterpreterThreadPool pool = new InterpreterThreadPool(interpreter, 1, "worker", () -> {
            leftLoop.countDown();
            try {
                letDetach.await(50, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread closer = Thread.ofPlatform().name("closer").start(pool::close);
        assertThat(leftLoop.await(30, TimeUnit.SECONDS)).as("the worker left the executor's loop").isTrue();
        boolean closedWhileAttached = closer.join(Duration.ofSeconds(1));
        letDetach.countDown();
        closer.join();
        assertThat(closedWhileAttached).as("close() returned while worker-0 had left its loop but not detached")
                .isFalse();
        assertThat(interpreter.stats().threads()).as("close() returned: every worker detached")
                .hasSize(1).noneMatch(LockStats.ThreadSnapshot::attached);
    }

    /**
     * Two tasks meet at a barrier inside released regions: they can only both get there if
     * both workers are released at the same time. With the lock held instead, the second task
     * could not start while the first waited, and the barrier would time out.
     */
    @Test
    void tasksThatReleaseTheLockRunAtTheSameTime() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        CyclicBarrier bothReleased = new CyclicBarrier(2);
        try (InterpreterThreadPool pool = new InterpreterThreadPool(interpreter, 2, "pool")) {
            List<Integer> arrivals = pool.map(i -> interpreter.callReleased(() -> awaitBarrier(bothReleased)),
                    List.of(0, 1));
            assertThat(arrivals).as("arrival indexes at the barrier").containsExactlyInAnyOrder(0, 1);
        }
    }

    /** The counterpart: tasks that hold the lock and never poll cannot both be inside at once. */
    @Test
    void tasksThatHoldTheLockWithoutPollingKeepTheOtherWorkerOut() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        CyclicBarrier bothInside = new CyclicBarrier(2);
        try (InterpreterThreadPool pool = new InterpreterThreadPool(interpreter, 2, "pool")) {
            assertThat(pool.map(i -> metWithin200Ms(bothInside), List.of(0, 1)))
                    .as("whether each task met the other at the barrier").containsExactly(false, false);
        }
    }

    @Test
    void cpuTimeOfTheTasksIsAddedUp() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        Kernels interpreted = KernelsUnderLock.interpreted(interpreter);
        try (InterpreterThreadPool pool = new InterpreterThreadPool(interpreter, 2, "pool")) {
            assertThat(pool.taskCpuNanos()).as("before any task").isZero();
            TimedMap<Long> run = TimedMap.run(pool, interpreted::countdown, List.of(20_000_000L, 20_000_000L));
            assertThat(run.measurement().cpuNanos()).as("two countdowns of 20 million steps take CPU time")
                    .isPositive().isEqualTo(pool.taskCpuNanos());
            assertThat(run.measurement().stats().total().acquisitions())
                    .as("the statistics start at the map: each task takes the lock at least once")
                    .isGreaterThanOrEqualTo(2);
        }
    }

    /** CPython's {@code ThreadPool.map} called from the main thread: it waits with the GIL released. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anAttachedCallerWaitsWithTheLockReleasedSoTheWorkersCanRun() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        Kernels interpreted = KernelsUnderLock.interpreted(interpreter);
        interpreter.attach();
        try {
            try (InterpreterThreadPool pool = new InterpreterThreadPool(interpreter, 2, "pool")) {
                assertThat(pool.map(interpreted::countdown, List.of(1_000L, 2_000L))).hasSize(2);
                assertThat(interpreter.holdsLock()).as("the caller holds the lock again after the map").isTrue();
            }
            assertThat(interpreter.holdsLock()).as("and after the close").isTrue();
        } finally {
            interpreter.detach();
        }
    }

    @Test
    void aFailingTaskFailsTheMapWithItsOwnException() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        try (InterpreterThreadPool pool = new InterpreterThreadPool(interpreter, 2, "pool")) {
            assertThatThrownBy(() -> pool.map(i -> {
                if (i == 3) {
                    throw new IllegalArgumentException("item 3 is bad");
                }
                return i;
            }, List.of(1, 2, 3, 4))).isInstanceOf(IllegalArgumentException.class).hasMessage("item 3 is bad");
            assertThat(pool.map(i -> i * 2, List.of(1, 2))).as("the pool still works").containsExactly(2, 4);
        }
    }

    @Test
    void aPoolNeedsAtLeastOneWorker() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        assertThatThrownBy(() -> new InterpreterThreadPool(interpreter, 0, "pool"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workers must be in 1..");
    }

    private static int awaitBarrier(CyclicBarrier barrier) {
        try {
            return barrier.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("the other task never reached the barrier", e);
        }
    }

    /**
     * Whether the other party arrived within 200 ms (a first party that gives up breaks the barrier for the second).
     */
    private static boolean metWithin200Ms(CyclicBarrier barrier) {
        try {
            barrier.await(200, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            return false;
        }
    }
}
