package dev.gillab.stdlib;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The wait at the end of a pool's {@code map}: every task's future, by one deadline, in the order
 * of the tasks; on any failure the futures not yet done are cancelled.
 */
final class PoolFutures {

    private PoolFutures() {
    }

    /**
     * The results of {@code futures} in their order, all within {@code limit}. A task that failed
     * fails the whole wait with its exception (an error is thrown as it is, a checked exception
     * wrapped). If time runs out or the caller is interrupted, {@code onGivingUp} runs (a pool may
     * stop its workers) and the exception says {@code afterGivingUp}.
     *
     * @throws IllegalStateException if not every future completed within {@code limit}, or on interrupt
     */
    static <T> List<T> awaitAll(List<? extends Future<T>> futures, Duration limit, Runnable onGivingUp,
                                String afterGivingUp) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<T> results = new ArrayList<>(futures.size());
        try {
            for (Future<T> f : futures) {
                results.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return results;
        } catch (ExecutionException e) {
            cancelAll(futures);
            throw unchecked(e.getCause());
        } catch (TimeoutException e) {
            cancelAll(futures);
            onGivingUp.run();
            throw new IllegalStateException("the pool's tasks did not finish within " + limit + afterGivingUp, e);
        } catch (InterruptedException e) {
            cancelAll(futures);
            onGivingUp.run();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the pool's tasks" + afterGivingUp, e);
        }
    }

    private static void cancelAll(List<? extends Future<?>> futures) {
        futures.forEach(f -> f.cancel(true));
    }

    /** A task's failure as thrown by the task, when it can be; errors are thrown from here. */
    private static RuntimeException unchecked(Throwable cause) {
        if (cause instanceof RuntimeException e) {
            return e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("a task of the pool failed", cause);
    }
}
