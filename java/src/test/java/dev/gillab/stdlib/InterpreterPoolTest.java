package dev.gillab.stdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.kernel.JavaKernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The interpreter pool's rules: a lock per worker; a pool task's arguments copied across, a
 * shared task's buffers and queues crossing as themselves; nothing else shared.
 */
class InterpreterPoolTest {

    private static final JavaKernels PLAIN = new JavaKernels();
    private static final Duration LIMIT = Duration.ofMinutes(2);

    @Test
    void eachWorkerRunsInItsOwnInterpreterWhoseLockNobodyElseTakes() {
        List<PoolResult<Long>> results;
        List<Interpreter> interpreters;
        try (InterpreterPool pool = InterpreterPool.start(2, LockMode.SWITCH, 10)) {
            interpreters = pool.interpreters();
            results = pool.map(IntStream.range(0, 8).mapToObj(i -> new PoolTask.Countdown(1_000_000L + i)).toList(),
                    LIMIT);
        }
        assertThat(results).extracting(PoolResult::value).as("countdown results, in order")
                .containsExactlyElementsOf(
                        IntStream.range(0, 8).mapToObj(i -> PLAIN.countdown(1_000_000L + i)).toList());
        assertThat(results).extracting(PoolResult::worker).allMatch(w -> w == 0 || w == 1);
        assertThat(results).as("a worker's lock has one thread: it never switches, nobody waits for it")
                .allSatisfy(r -> {
                    assertThat(r.switches()).isZero();
                    assertThat(r.forcedDrops()).isZero();
                    assertThat(r.lockWaitNanos()).isZero();
                });
        assertThat(interpreters).hasSize(2).doesNotHaveDuplicates();
        assertThat(interpreters).as("each interpreter saw exactly one thread: its worker")
                .allSatisfy(i -> assertThat(i.stats().threads()).hasSize(1));
    }

    /**
     * Arguments cross by copy: the caller's arrays are encoded when the task is submitted, so
     * changing them afterwards changes nothing the worker sees; the result is a new array
     * decoded in the caller's interpreter. The only worker is kept busy by a countdown of about
     * half a second first, so the arrays are changed long before it can look at them: were they
     * shared, it would multiply the changed ones.
     */
    @Test
    void argumentsAndResultsCrossByCopyingNothingIsShared() throws Exception {
        int n = 16;
        double[] a = IntStream.range(0, n * n).mapToDouble(i -> i % 7).toArray();
        double[] b = IntStream.range(0, n * n).mapToDouble(i -> i % 5 - 2).toArray();
        double[] expected = PLAIN.matmul(a, b, n);
        PoolResult<double[]> product;
        try (InterpreterPool pool = InterpreterPool.start(1, LockMode.SWITCH, 0)) {
            pool.submit(new PoolTask.Countdown(400_000_000L));
            CompletableFuture<PoolResult<double[]>> future = pool.submit(new PoolTask.Matmul(a, b, n));
            Arrays.fill(a, 1e9); // the worker already has its own copy
            product = future.get();
        }
        assertThat(product.value()).as("the product of the arguments as they were when submitted").isEqualTo(expected);
        assertThat(product.value()).isNotSameAs(a).isNotSameAs(b);
        assertThat(product.bytesSent()).as("n and two matrices, copied").isEqualTo(4 + 2 * 8L * n * n);
        assertThat(product.bytesReceived()).as("one matrix, copied back").isEqualTo(8L * n * n);
    }

    /**
     * The mirror of the test above: shared buffers cross as themselves. The worker is kept busy
     * first in the same way, so the caller's change to {@code a} after submitting is made before
     * the worker reads it, and the product is that of the changed matrix; the result is the
     * caller's own {@code product} buffer, and no byte crossed either way.
     */
    @Test
    void sharedBuffersCrossAsThemselvesNothingIsCopied() throws Exception {
        int n = 16;
        SharedBuffer a = SharedBuffer.copyOf(IntStream.range(0, n * n).mapToDouble(i -> i % 7).toArray());
        SharedBuffer b = SharedBuffer.copyOf(IntStream.range(0, n * n).mapToDouble(i -> i % 5 - 2).toArray());
        SharedBuffer product = SharedBuffer.ofLength(n * n);
        PoolResult<SharedBuffer> result;
        try (InterpreterPool pool = InterpreterPool.start(1, LockMode.SWITCH, 0)) {
            pool.submit(new PoolTask.Countdown(400_000_000L));
            CompletableFuture<PoolResult<SharedBuffer>> future =
                    pool.submit(new SharedTask.MatmulInto(a, b, product, n));
            a.set(0, 1000); // the worker reads the caller's buffer itself
            result = future.get();
        }
        assertThat(result.value()).as("the caller's own product buffer comes back").isSameAs(product);
        assertThat(product.toArray()).as("the product of the matrices as changed after submitting")
                .isEqualTo(PLAIN.matmul(a.toArray(), b.toArray(), n));
        assertThat(result.bytesSent()).isZero();
        assertThat(result.bytesReceived()).isZero();
    }

    /**
     * A queue crosses as itself: the caller and a worker in another interpreter use the same two
     * queues. Each item crosses by the sharing rules when it is put: bytes are copied (the
     * caller's later change does not reach the other side), a shared buffer arrives as itself,
     * a string as an equal string.
     */
    @Test
    void aQueueCrossesAsItselfAndItsItemsByTheSharingRules() throws Exception {
        InterpreterQueue in = InterpreterQueue.create(0);
        InterpreterQueue out = InterpreterQueue.create(2);
        byte[] bytes = {1, 2, 3};
        SharedBuffer buffer = SharedBuffer.ofLength(4);
        Duration wait = Duration.ofMinutes(1);
        PoolResult<Long> relayed;
        Object[] received = new Object[3];
        try (InterpreterPool pool = InterpreterPool.start(1, LockMode.SWITCH, 0)) {
            CompletableFuture<PoolResult<Long>> relay = pool.submit(new SharedTask.Relay(in, out, 3, wait));
            in.put(bytes);
            bytes[0] = 99;
            in.put(buffer);
            in.put("text");
            for (int i = 0; i < 3; i++) {
                received[i] = out.get(wait);
            }
            relayed = relay.get();
        }
        assertThat(relayed.value()).isEqualTo(3L);
        assertThat(received[0]).as("bytes: a copy, made when they were put").isInstanceOf(byte[].class)
                .isNotSameAs(bytes).isEqualTo(new byte[] {1, 2, 3});
        assertThat(received[1]).as("a shared buffer: itself").isSameAs(buffer);
        assertThat(received[2]).isEqualTo("text");
        assertThat(in.size() + out.size()).isZero();
    }

    @Test
    void whatIsNotShareableIsRefusedBeforeItCrosses() {
        InterpreterQueue queue = InterpreterQueue.create(0);
        assertThatThrownBy(() -> queue.put(new double[1])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("double[] is not shareable");
        assertThatThrownBy(() -> queue.put(new java.util.ArrayList<>())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ArrayList is not shareable");
        assertThatThrownBy(() -> queue.put(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(queue.size()).isZero();
        assertThatThrownBy(() -> InterpreterQueue.create(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SharedBuffer.ofLength(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SharedTask.MatmulInto(SharedBuffer.ofLength(4), SharedBuffer.ofLength(4),
                SharedBuffer.ofLength(3), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("product must hold n * n = 4 doubles");
        assertThatThrownBy(() -> new SharedTask.MatmulInto(SharedBuffer.ofLength(3), SharedBuffer.ofLength(4),
                SharedBuffer.ofLength(4), 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SharedTask.Relay(queue, queue, -1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A shared task that fails fails its map with the worker's reason: here a queue's get that ran out. */
    @Test
    void aSharedTaskThatFailsFailsTheMapWithItsReason() {
        InterpreterQueue empty = InterpreterQueue.create(0);
        try (InterpreterPool pool = InterpreterPool.start(1, LockMode.SWITCH, 0)) {
            var relay = new SharedTask.Relay(empty, empty, 1, Duration.ofMillis(1));
            assertThatThrownBy(() -> pool.mapShared(List.of(relay), LIMIT)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("failed in interpreter worker 0")
                    .hasMessageContaining("nothing was put within PT0.001S");
        }
    }

    @Test
    void badSizesAndAClosedPoolAreRefused() {
        assertThatThrownBy(() -> InterpreterPool.start(0, LockMode.SWITCH, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workers must be in 1..64");
        assertThatThrownBy(() -> InterpreterPool.start(1, LockMode.SWITCH, -1))
                .isInstanceOf(IllegalArgumentException.class);
        InterpreterPool pool = InterpreterPool.start(1, LockMode.SWITCH, 0);
        pool.close();
        pool.close();
        assertThatThrownBy(() -> pool.submit(new PoolTask.Countdown(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        InterpreterQueue queue = InterpreterQueue.create(0);
        assertThatThrownBy(() -> pool.submit(new SharedTask.Relay(queue, queue, 0, Duration.ZERO)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
