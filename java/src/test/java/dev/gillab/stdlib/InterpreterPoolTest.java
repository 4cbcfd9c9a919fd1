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

/** The interpreter pool's rules: a lock per worker, nothing shared, everything copied across. */
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
    }
}
