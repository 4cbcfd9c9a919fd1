package dev.gillab.experiment;

import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockStats;
import dev.gillab.stdlib.IoBody;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * The latency of one thread's short operation while other threads keep the interpreter busy:
 * the experiment of the convoy effect (an I/O thread's round trips beside CPU-bound threads).
 *
 * <p>Thread 0, the timed thread, opens its resource (a connection), waits with the lock
 * released until every busy thread has run once, makes {@link Window#warmUps()} untimed
 * operations, then times operations back to back into a histogram for {@link Window#length()}
 * and at least {@link Window#minSamples()} of them. Threads 1 to N repeat a chunk of busy work
 * until thread 0 is done. The run is a {@link ThreadedRun}, so a failure anywhere fails it and
 * the lock's statistics cover every thread.
 */
public final class LatencyBesideBusyThreads {

    /** The longest the timed thread waits for the busy threads to start. */
    public static final Duration START_LIMIT = Duration.ofSeconds(30);

    /** The thread names' prefix: the timed thread is {@code PREFIX-0}. */
    public static final String PREFIX = "beside";

    /** Opens the timed thread's resource; it blocks, so it releases the lock where it should. */
    @FunctionalInterface
    public interface Opener<C extends AutoCloseable> {
        C open() throws IOException, InterruptedException;
    }

    /** One timed operation on the resource. */
    @FunctionalInterface
    public interface Operation<C> {
        void on(C resource) throws IOException, InterruptedException;
    }

    /**
     * How long to time, and how many operations at least.
     *
     * @param length     the timing window
     * @param warmUps    untimed operations first
     * @param minSamples timed operations at least, however long they take
     */
    public record Window(Duration length, int warmUps, int minSamples) {

        public Window {
            Objects.requireNonNull(length, "length");
            if (length.isNegative() || warmUps < 0 || minSamples < 1) {
                throw new IllegalArgumentException("a window needs a length >= 0, warm-ups >= 0 and at least 1 "
                        + "sample, was " + length + ", " + warmUps + ", " + minSamples);
            }
        }

        /** The same counts over a shorter or longer time. */
        public Window over(Duration other) {
            return new Window(other, warmUps, minSamples);
        }
    }

    /**
     * What one run measured.
     *
     * @param measurement    the run of every thread
     * @param latencies      the timed operations, ns
     * @param timedNanos     how long the timed thread timed
     * @param busyIterations the work units of all busy threads together over the run
     */
    public record Result(Measurement measurement, Histogram latencies, long timedNanos, long busyIterations) {

        public double operationsPerSecond() {
            return latencies.getTotalCount() * 1e9 / timedNanos;
        }

        public double p50Micros() {
            return latencies.getValueAtPercentile(50) / 1e3;
        }

        public double p99Micros() {
            return latencies.getValueAtPercentile(99) / 1e3;
        }

        /** The timed thread's lock counters. */
        public LockStats.Counts timedThread() {
            return measurement.stats().thread(PREFIX + "-0").counts();
        }

        /** The share of the wall time during which a busy thread held the lock. */
        public double busyHeldShare() {
            return (double) (measurement.stats().total().heldNanos() - timedThread().heldNanos())
                    / measurement.wallNanos();
        }

        /** Millions of busy work units per second, all busy threads together. */
        public double busyMegaIterationsPerSecond() {
            return busyIterations * 1e3 / measurement.wallNanos();
        }

        /**
         * The standard columns, the speedup being operations per second against {@code baselinePerSecond},
         * then the latencies, the rate and what the busy threads did ("-" when there were none).
         */
        public Row row(String label, double baselinePerSecond) {
            Row standard = Row.of(label, measurement, measurement.wallNanos());
            boolean busy = busyIterations > 0;
            return new Row(label, standard.threads(), standard.wallMillis(), operationsPerSecond() / baselinePerSecond,
                    standard.switches(), standard.forcedDrops(), standard.waitShare(), Map.of())
                    .with("rtt p50 us", String.format(Locale.ROOT, "%.0f", p50Micros()))
                    .with("rtt p99 us", String.format(Locale.ROOT, "%.0f", p99Micros()))
                    .with("req/s", String.format(Locale.ROOT, "%.0f", operationsPerSecond()))
                    .with("cpu Mit/s", busy ? String.format(Locale.ROOT, "%.0f", busyMegaIterationsPerSecond()) : "-")
                    .with("cpu held", busy ? String.format(Locale.ROOT, "%.0f%%", 100 * busyHeldShare()) : "-");
        }
    }

    private LatencyBesideBusyThreads() {
    }

    /**
     * Times {@code operation} on thread 0 beside {@code busyThreads} threads that repeat
     * {@code busyChunk} (which does some work and returns how many units it did).
     */
    public static <C extends AutoCloseable> Result run(Interpreter interpreter, int busyThreads, Window window,
                                                       Opener<C> opener, Operation<C> operation,
                                                       LongSupplier busyChunk) {
        Histogram latencies = new Histogram(3);
        AtomicLong timedNanos = new AtomicLong();
        LongAdder iterations = new LongAdder();
        CountDownLatch busyRunning = new CountDownLatch(busyThreads);
        AtomicBoolean timedDone = new AtomicBoolean();
        Measurement m = ThreadedRun.run(interpreter, 1 + busyThreads, PREFIX, IoBody.unchecked(i -> {
            if (i > 0) {
                do {
                    iterations.add(busyChunk.getAsLong());
                    busyRunning.countDown();
                } while (!timedDone.get());
                return;
            }
            try {
                if (!interpreter.blocking(() -> busyRunning.await(START_LIMIT.toNanos(), TimeUnit.NANOSECONDS))) {
                    throw new IllegalStateException("the busy threads did not start within " + START_LIMIT);
                }
                timedNanos.set(time(opener, operation, window, latencies));
            } finally {
                timedDone.set(true);
            }
        }));
        return new Result(m, latencies, timedNanos.get(), iterations.sum());
    }

    /** The warm-ups, then the timed operations; returns the time they took. */
    private static <C extends AutoCloseable> long time(Opener<C> opener, Operation<C> operation, Window window,
                                                       Histogram latencies) throws IOException, InterruptedException {
        try (C resource = opener.open()) {
            for (int k = 0; k < window.warmUps(); k++) {
                operation.on(resource);
            }
            long start = System.nanoTime();
            long end = start + window.length().toNanos();
            long now = start;
            while (now < end || latencies.getTotalCount() < window.minSamples()) {
                operation.on(resource);
                long t = System.nanoTime();
                latencies.recordValue(t - now);
                now = t;
            }
            return now - start;
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("could not close the timed thread's resource", e);
        }
    }
}
