package dev.gillab.experiment;

import dev.gillab.lock.Interpreter;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * How soon a worker stops when another interpreted thread asks it to. The worker runs until
 * cancelled on one attached thread; a second waits until the worker has started, sleeps a
 * while with the lock released ({@code time.sleep}), then takes the lock and requests the
 * cancellation. The worker can only see the request while it holds the lock, so the latency
 * is the rest of the piece of work it is in (native code cannot be stopped halfway), plus a
 * re-take of the lock.
 *
 * @param latencyNanos from the request to the worker's stop (the median of the trials)
 * @param workAfter    the units of work the worker finished after the request (the most of the trials)
 */
public record CancelLatency(long latencyNanos, long workAfter) {

    /**
     * {@code trials} cancels, each on a fresh interpreter from {@code interpreters}, requested
     * {@code after} the worker started. {@code worker} works on the interpreter it is given,
     * checks the cancellation between pieces and calls {@link Cancellation#stopped()} as it ends.
     */
    public static CancelLatency measure(int trials, Supplier<Interpreter> interpreters, Duration after,
                                        BiConsumer<Interpreter, Cancellation> worker) {
        long[] latencies = new long[trials];
        long workAfter = 0;
        for (int trial = 0; trial < trials; trial++) {
            Cancellation c = once(interpreters.get(), after, worker);
            latencies[trial] = c.latencyNanos();
            workAfter = Math.max(workAfter, c.doneAfterRequest());
        }
        Arrays.sort(latencies);
        return new CancelLatency(latencies[trials / 2], workAfter);
    }

    private static Cancellation once(Interpreter interpreter, Duration after,
                                     BiConsumer<Interpreter, Cancellation> worker) {
        Cancellation cancellation = new Cancellation();
        CountDownLatch started = new CountDownLatch(1);
        ThreadedRun.run(interpreter, 2, "cancel", i -> {
            if (i == 0) {
                started.countDown();
                worker.accept(interpreter, cancellation);
            } else {
                try {
                    interpreter.blocking(() -> {
                        started.await();
                        return null;
                    });
                    interpreter.sleep(after);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted before cancelling", e);
                }
                cancellation.request();
            }
        });
        return cancellation;
    }
}
