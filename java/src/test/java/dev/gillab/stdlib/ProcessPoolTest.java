package dev.gillab.stdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.kernel.JavaKernels;
import dev.gillab.lock.LockMode;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The process pool against real worker JVMs: same results as in this process, no process left
 * behind, clear errors when a worker dies or a map runs out of time.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProcessPoolTest {

    private static final JavaKernels PLAIN = new JavaKernels();

    @Test
    void theWorkersComputeWhatThisProcessComputes() {
        int n = 40;
        double[] a = new SplittableRandom(1).doubles(n * n, -1, 1).toArray();
        double[] b = new SplittableRandom(2).doubles(n * n, -1, 1).toArray();
        List<PoolResult<Long>> countdowns;
        List<PoolResult<double[]>> products;
        try (ProcessPool pool = ProcessPool.start(2, LockMode.SWITCH)) {
            countdowns = pool.map(List.of(new PoolTask.Countdown(0), new PoolTask.Countdown(12_345),
                    new PoolTask.Countdown(1_000_000)));
            products = pool.map(List.of(new PoolTask.Matmul(a, b, n)));
        }
        assertThat(countdowns).extracting(PoolResult::value).as("countdown hashes, in order")
                .containsExactly(PLAIN.countdown(0), PLAIN.countdown(12_345), PLAIN.countdown(1_000_000));
        assertThat(products.get(0).value()).as("the product, bit for bit").isEqualTo(PLAIN.matmul(a, b, n));
        PoolResult<double[]> product = products.get(0);
        assertThat(product.bytesSent()).as("kind, length, n and two matrices")
                .isEqualTo(PoolProtocol.REQUEST_HEADER + 4 + 2 * 8 * n * n);
        assertThat(product.bytesReceived()).as("header and one matrix")
                .isEqualTo(PoolProtocol.REPLY_HEADER + 8 * n * n);
        assertThat(product.roundTripNanos()).as("the round trip contains the computation")
                .isGreaterThanOrEqualTo(product.computeNanos());
        assertThat(countdowns).as("a worker's lock has one thread: it never switches")
                .allSatisfy(r -> assertThat(r.switches()).isZero());
    }

    @Test
    void closingLeavesNoWorkerProcessBehind() {
        List<Long> pids;
        try (ProcessPool pool = ProcessPool.start(2, LockMode.SWITCH)) {
            pids = pool.workerPids();
            assertThat(pids).as("two live workers").hasSize(2)
                    .allSatisfy(pid -> assertThat(ProcessHandle.of(pid))
                    .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue()));
            assertThat(ProcessHandle.current().children().map(ProcessHandle::pid).toList())
                    .as("the workers are this JVM's children").containsAll(pids);
        }
        assertThat(pids).as("after close, no worker is alive")
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid).toList())
                .as("and none is left among this JVM's descendants").doesNotContainAnyElementsOf(pids);
    }

    @Test
    void aWorkerThatDiesFailsItsTaskWithAClearErrorAndBreaksThePool() throws Exception {
        try (ProcessPool pool = ProcessPool.start(1, LockMode.SWITCH)) {
            long pid = pool.workerPids().get(0);
            ProcessHandle worker = ProcessHandle.of(pid).orElseThrow();
            worker.destroyForcibly();
            worker.onExit().get(30, TimeUnit.SECONDS);

            assertThatThrownBy(() -> pool.map(List.of(new PoolTask.Countdown(1_000))))
                    .isInstanceOf(WorkerDiedException.class)
                    .hasMessageContaining("pool worker 0 (pid " + pid + ") died while running countdown(1000)")
                    .hasMessageContaining("exit status");
            assertThatThrownBy(() -> pool.submit(new PoolTask.Countdown(1)))
                    .as("every later task fails at once").isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("the pool is broken: pool worker 0");
        }
    }

    @Test
    void aMapThatRunsOutOfTimeStopsTheWorkers() {
        ProcessPool pool = ProcessPool.start(1, LockMode.SWITCH);
        long pid = pool.workerPids().get(0);
        assertThatThrownBy(() -> pool.map(List.of(new PoolTask.Countdown(Long.MAX_VALUE)), Duration.ofMillis(300)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not finish within PT0.3S");
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the busy worker was killed").isEmpty();
        assertThatThrownBy(() -> pool.submit(new PoolTask.Countdown(1))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the pool is closed");
    }

    @Test
    void badArgumentsFailHereBeforeAnythingIsSent() {
        assertThatThrownBy(() -> new PoolTask.Countdown(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PoolTask.Matmul(new double[3], new double[4], 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessPool.start(0, LockMode.SWITCH)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workers must be in 1..");
        assertThatThrownBy(() -> ProcessPool.start(1, LockMode.SWITCH, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warmUpCalls must not be negative");
    }

    /** The warm-up count reaches the worker's command line, where the worker reads it. */
    @Test
    void theWorkerIsToldHowManyWarmUpCallsToMake() {
        assertThat(WorkerProcess.command(LockMode.TICKS, 2_000)).endsWith(ProcessPoolWorker.class.getName(), "ticks",
                "2000");
    }
}
