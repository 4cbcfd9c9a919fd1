package dev.gillab.fidelity;

import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.kernel.Kernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import dev.gillab.stdlib.LoopbackConnection;
import dev.gillab.stdlib.LoopbackEchoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Scenario 7: the convoy effect (bpo-7946). A thread doing round trips to an echo server on
 * the loopback address, alone and beside one and two CPU-bound threads, at switch intervals of
 * 5 ms and 0.5 ms: the 99th percentile of the round trip, in switch intervals, and alone its
 * median too; beside CPU-bound threads, the share of round trips that paid for the lock.
 *
 * <p>Beside a CPU-bound thread the round trips fall into two modes, a hundred times apart:
 * those that found the lock free on the way back (tens of microseconds) and those that waited
 * for it (an interval or more). Their median lies in whichever mode holds more than half of
 * them, and jumps between the two from one repeat to the next when the shares are near one
 * half. So beside CPU-bound threads the figure compared is the share in the slow mode,
 * {@link #slowShare}: round trips slower than half an interval, a threshold far from both
 * modes ({@link Tolerance#MODE_SHARE}).
 *
 * <p>Each round trip is two blocking calls, a send and a receive, and each releases the lock
 * and must take it back. When a CPU-bound thread took the lock meanwhile, taking it back costs
 * up to one switch interval: the returning thread waits an interval before it may even ask.
 * When the blocking call is shorter than the time a waiting thread needs to wake up, the
 * returning thread finds the lock still free and takes it at once.
 *
 * <p>CPython ({@code echo.py}): the main thread does {@code sendall} and {@code recv} on a
 * socket to an echo server in another process; the CPU-bound threads spin in a Python loop.
 * gillab: an attached thread does each send and each receive of a {@link LoopbackConnection}
 * inside {@link Interpreter#blocking}, against a {@link LoopbackEchoServer} without delay,
 * outside the interpreter; the message is a line of {@value #PAYLOAD_BYTES} bytes with its
 * newline, as long as {@code echo.py}'s. The CPU threads run the interpreted countdown.
 */
public final class ConvoyScenario implements Scenario {

    private static final ScenarioInfo INFO = new ScenarioInfo(7,
            "the convoy effect: echo round trips beside CPU-bound threads",
            "round trip in intervals; share slow");
    private static final List<Long> INTERVALS_MICROS = List.of(5_000L, 500L);
    private static final List<Integer> CPU_THREADS = List.of(0, 1, 2);
    /** The bytes of one message, its newline included: {@code echo.py}'s {@code PAYLOAD}. */
    private static final int PAYLOAD_BYTES = 64;
    private static final String PAYLOAD_LINE = "x".repeat(PAYLOAD_BYTES - 1);
    private static final int WARMUP = 10;
    /** The most round trips measured per configuration; fewer once the effort's target time has passed. */
    private static final int MAX_ROUND_TRIPS = 2000;
    /** Countdown iterations between two looks at the stop flag: a fraction of a millisecond. */
    private static final long CPU_CHUNK = 100_000;

    @Override
    public ScenarioInfo info() {
        return INFO;
    }

    @Override
    public List<Metric> metrics() {
        List<Metric> metrics = new ArrayList<>();
        for (long interval : INTERVALS_MICROS) {
            String at = ", " + SwitchIntervals.label(interval);
            for (int k : CPU_THREADS) {
                String beside = k == 0 ? "alone" : "+" + k + " CPU";
                for (String q : k == 0 ? List.of("median", "p99") : List.of("p99")) {
                    metrics.add(Metric.scaled(q + " round trip, " + beside + at, key(q, interval, k), 1e6 / interval,
                            Tolerance.LATENCY));
                }
                if (k > 0) {
                    metrics.add(Metric.scaled("share of round trips > interval/2, " + beside + at,
                            key("slow", interval, k), 1.0, Tolerance.MODE_SHARE));
                }
            }
        }
        return metrics;
    }

    @Override
    public Figures cpython(CPython python, Effort effort) {
        return python.run("echo.py", "echo", effort, List.of(
                "--intervals", SwitchIntervals.secondsArgument(INTERVALS_MICROS),
                "--cpu", CPU_THREADS.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--count", Integer.toString(MAX_ROUND_TRIPS), "--warmup", Integer.toString(WARMUP)));
    }

    @Override
    public Figures gillab(Effort effort) {
        long budgetNanos = Math.round(effort.targetSeconds() * 1e9);
        Figures.Builder figures = Figures.builder();
        try (LoopbackEchoServer server = LoopbackEchoServer.start(Duration.ZERO);
             LoopbackConnection connection = LoopbackConnection.open(server.address())) {
            for (int r = 0; r < effort.repeats(); r++) {
                for (long interval : INTERVALS_MICROS) {
                    for (int k : CPU_THREADS) {
                        long[] nanos = besideCpuThreads(connection, InterpreterConfig.of(LockMode.SWITCH)
                                .withSwitchIntervalMicros(interval), k, budgetNanos);
                        figures.add(key("median", interval, k), nearestRank(nanos, 0.5) / 1e9);
                        figures.add(key("p99", interval, k), nearestRank(nanos, 0.99) / 1e9);
                        figures.add(key("slow", interval, k), slowShare(nanos, interval * 1000 / 2));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return figures.build();
    }

    /**
     * Round-trip times in nanoseconds of an attached client beside {@code cpuThreads}
     * interpreted countdowns, after a warm-up: {@link #MAX_ROUND_TRIPS}, or as many as fit in
     * {@code budgetNanos}.
     */
    private static long[] besideCpuThreads(LoopbackConnection connection, InterpreterConfig config, int cpuThreads,
                                           long budgetNanos) {
        Interpreter interpreter = Interpreter.create(config);
        Kernels kernels = KernelsUnderLock.interpreted(interpreter);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<long[]> nanos = new AtomicReference<>();
        ThreadedRun.run(interpreter, 1 + cpuThreads, "convoy", i -> {
            if (i > 0) {
                while (!done.get()) {
                    kernels.countdown(CPU_CHUNK);
                }
                return;
            }
            try {
                roundTrips(interpreter, connection, WARMUP, budgetNanos);
                nanos.set(roundTrips(interpreter, connection, MAX_ROUND_TRIPS, budgetNanos));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                done.set(true);
            }
        });
        return nanos.get();
    }

    /**
     * Up to {@code max} round trips, each send and receive a blocking call; stops once
     * {@code budgetNanos} have passed.
     */
    private static long[] roundTrips(Interpreter interpreter, LoopbackConnection connection, int max,
                                     long budgetNanos) throws IOException {
        long[] nanos = new long[max];
        int n = 0;
        for (long deadline = System.nanoTime() + budgetNanos; n < max && System.nanoTime() < deadline; n++) {
            long start = System.nanoTime();
            interpreter.blocking(() -> connection.send(PAYLOAD_LINE));
            String echo = interpreter.blocking(connection::receiveLine);
            if (!echo.equals(PAYLOAD_LINE)) {
                throw new IOException("the echo server answered " + echo.length() + " bytes, not the line it was sent");
            }
            nanos[n] = System.nanoTime() - start;
        }
        return Arrays.copyOf(nanos, n);
    }

    /** The share of {@code nanos} above {@code thresholdNanos}: the slow mode's, as {@code echo.py} counts it. */
    static double slowShare(long[] nanos, long thresholdNanos) {
        return (double) Arrays.stream(nanos).filter(t -> t > thresholdNanos).count() / nanos.length;
    }

    /** The figure name shared with {@code echo.py}: {@code median@5000us+1cpu}. */
    static String key(String quantile, long intervalMicros, int cpuThreads) {
        return quantile + "@" + intervalMicros + "us+" + cpuThreads + "cpu";
    }

    /** The nearest-rank quantile, as {@code _common.quantile}: the smallest value with a share q at or below it. */
    static long nearestRank(long[] values, double q) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = Math.max(1, (int) Math.ceil(sorted.length * q));
        return sorted[rank - 1];
    }
}
