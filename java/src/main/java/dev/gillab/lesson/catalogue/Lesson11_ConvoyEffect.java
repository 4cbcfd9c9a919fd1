package dev.gillab.lesson.catalogue;

import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.kernel.Kernels;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonChart;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Verdict;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.LockStats;
import dev.gillab.lock.Trace;
import dev.gillab.stdlib.IoBody;
import dev.gillab.stdlib.LoopbackConnection;
import dev.gillab.stdlib.LoopbackEchoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * <h2>Lesson 11: the convoy effect, an I/O-bound thread next to a CPU-bound one</h2>
 *
 * <p>The problem. A thread that does many short blocking calls (a server answering requests)
 * releases the lock at each call and must take it back afterwards. If a CPU-bound thread took
 * the lock meanwhile, the new GIL makes the returning thread wait a whole switch interval
 * before it may even ask the holder to drop it. Every blocking call then costs up to one
 * interval: a server that answers 20,000 requests a second alone answers a hundred or two
 * next to one busy thread. Shortening the interval helps in proportion; giving threads that
 * come back from I/O priority cures it, at a cost to the CPU-bound thread.
 *
 * <p>The real-world analogue. bpo-7946 (python/cpython#52194), "Convoy effect with I/O bound
 * threads and New GIL", and David Beazley's measurements: an echo server answering about 30,000
 * requests a second alone and about 100 with one CPU-bound thread at the default 5 ms
 * ({@code sys.setswitchinterval(0.005)}), 500 at 1 ms. Beazley's cure, priorities for threads
 * coming back from I/O, was never adopted; {@link LockMode#PRIORITY} simulates it.
 *
 * <p>What runs here. A {@link LoopbackEchoServer} on 127.0.0.1 (plain Java, another process
 * as far as the interpreter knows) echoes each line after {@link #PEER_LATENCY} (100 us, a round
 * trip on a local network). One attached I/O thread does round trips, wrapping the send and the
 * receive each in {@link Interpreter#blocking}, as CPython releases around {@code send()} and
 * {@code recv()}. Next to it run 1 or 2 interpreted countdown threads
 * ({@link KernelsUnderLock#interpreted}), under the {@code switch} lock at 5 ms and at 0.5 ms,
 * and under the {@code priority} lock at 5 ms. Each configuration runs for a time window (1 s
 * at scale 1, at least {@value #MIN_ROUND_TRIPS} round trips); the round trips' latencies go into
 * an HdrHistogram.
 *
 * <p>Why the peer latency. Whether a round trip pays an interval is a race: when the I/O
 * thread releases the lock to wait for the reply, the waiting CPU thread is woken and must take
 * the lock before the reply wakes the I/O thread. With a remote peer the reply takes long
 * enough and the CPU thread wins every time; an in-process echo with no delay answers in
 * about 20 us, often before the CPU thread is even scheduled. Run that way (on 2026-11-22, 5 ms,
 * one CPU thread), the median round trip stayed at 32 us while the p99 was 6.9 ms: the convoy
 * only hit the round trips that lost the race, about one in thirty.
 *
 * <p>What to observe. Requests per second (req/s, and the speedup column, which is req/s
 * against alone): under {@code switch} each round trip that loses the race pays one interval on
 * the receive, and another on the send when the CPU thread wakes in time, so requests per second
 * fall towards 1 / interval; a tenth of the interval gives several times the requests;
 * {@code priority} brings them back near the alone figure. The median (rtt p50) is one or two
 * intervals when the CPU thread wins most races, and stays near the alone figure when a busy
 * machine makes it lose most of them; the p99 shows the intervals either way. The speedup column is the I/O thread's requests per second against alone. The
 * cost to the CPU threads: their countdown speed (cpu Mit/s, millions of iterations per second,
 * all CPU threads together) and the share of the time they held the lock (cpu held).
 *
 * <p>Expected: alone, a few hundred microseconds per round trip (the peer's 100 us and the
 * sleep's granularity); with a CPU thread under {@code switch} at 5 ms, 5 to 10 ms per round
 * trip (100 to 200 requests/s, as CPython's 100); at 0.5 ms several times more; under
 * {@code priority}, near the alone figure, with the CPU thread holding the lock visibly less.
 *
 * <h2>Measured</h2>
 * <pre>
 * $ ./gillab lesson 11          (2026-11-22; 2 cores shared with other builds, load average ~4.5: noisy)
 * run                         threads  wall ms  speedup  switches  forced drops  lock wait  rtt p50 us  rtt p99 us  req/s  cpu Mit/s  cpu held
 * --------------------------  -------  -------  -------  --------  ------------  ---------  ----------  ----------  -----  ---------  --------
 * I/O thread alone                  1   1012.6    1.00x         1             0         0%         247        1288   3467  -          -
 * switch 5 ms, I/O + 1 CPU          2   1052.5    0.03x       366           182        48%       10486       15835    112        389       94%
 * switch 5 ms, I/O + 2 CPU          3   1132.7    0.02x       321           193        63%       12263       29999     70        404       96%
 * switch 0.5 ms, I/O + 1 CPU        2   1013.8    0.31x      2329          1164        39%         850        3738   1072        371       92%
 * switch 0.5 ms, I/O + 2 CPU        3   1021.7    0.20x      2126          1331        53%        1293        6099    695        388       92%
 * priority 5 ms, I/O + 1 CPU        2   1026.9    0.89x      8508          4253         6%         251        3101   3075        296       82%
 * priority 5 ms, I/O + 2 CPU        3   1025.6    0.64x      6299          3149        26%         264        4313   2229        346       88%
 * =&gt; alone the I/O thread did 3467 round trips/s (median 247 us); next to 1 CPU thread: switch
 *    5 ms 112/s (31.0x fewer, median 10486 us, CPU threads held the lock 94%); switch 0.5 ms
 *    1072/s (3.2x fewer, median 850 us, CPU threads held the lock 92%); priority 5 ms 3075/s (1.1x
 *    fewer, median 251 us, CPU threads held the lock 82%): the convoy effect, up to 31x fewer
 *    round trips than alone.
 * </pre>
 *
 * <p>Next to one CPU thread under {@code switch} at 5 ms the I/O thread did 112 round trips a
 * second, 31x fewer than alone and CPython's ~100 class; its median of 10.5 ms is two intervals,
 * the receive and the send both paid. A tenth of the interval gave ten times the round trips
 * (1,072/s), still 3x fewer than alone; {@code priority} gave 3,075/s, within 11% of alone, for
 * 12 points of the CPU thread's share of the lock (94% to 82%). Two CPU threads make each
 * configuration worse, since the I/O thread also queues behind the second one.
 *
 * <p>How to run: {@code ./gillab lesson 11} (options: {@code --threads 1,2} for the I/O thread
 * plus N-1 CPU threads; {@code --mode} or {@code --switch-interval} to run that one
 * configuration instead of the three; {@code --quick}).
 */
public final class Lesson11_ConvoyEffect implements Lesson {

    /** How long the echo server takes to answer: a round trip on a local network. */
    static final Duration PEER_LATENCY = Duration.ofNanos(100_000);

    /** Each configuration's measuring window at scale 1, in microseconds. */
    static final long WINDOW_MICROS = 1_000_000;

    /** Fewer round trips per second than alone by at least this factor: a convoy. */
    static final double CONVOY_FACTOR = 5;

    /** Round trips measured at least, however long they take, so that a median means something. */
    static final int MIN_ROUND_TRIPS = 20;

    /** Round trips before measuring: they make a priority-mode CPU thread CPU-bound (forced once). */
    static final int WARMUP_ROUND_TRIPS = 5;

    /** Countdown iterations between two checks of the stop flag (about a millisecond). */
    static final long CHUNK = 200_000;

    /** The longest the I/O thread waits for the CPU threads to start. */
    static final Duration START_LIMIT = Duration.ofSeconds(30);

    private static final String PING = "ping";

    /** The threads' names: {@code convoy-0} (the I/O thread, when there is one), {@code convoy-1}, ... */
    private static final String PREFIX = "convoy";
    private static final String IO_THREAD = PREFIX + "-0";

    /** The three configurations compared when the user picks neither a mode nor an interval. */
    private static final List<Config> DEFAULT_CONFIGS = List.of(new Config(LockMode.SWITCH, 5_000),
            new Config(LockMode.SWITCH, 500), new Config(LockMode.PRIORITY, 5_000));

    private static final LessonInfo INFO = new LessonInfo(11, "The convoy effect", Verdict.SHOWS,
            "bpo-7946: an echo server next to a CPU-bound thread; sys.setswitchinterval; Beazley's priority GIL",
            "1 CPU thread, switch 5 ms: 100-200 req/s (alone: thousands); 0.5 ms: several times more; priority: near alone",
            "each blocking call of an I/O thread waits up to a switch interval behind a CPU-bound thread");

    /** A lock mode at a switch interval. */
    record Config(LockMode mode, long intervalMicros) {

        /** For metric names: {@code switch5ms}, {@code switch500us}. */
        String key() {
            return mode.id() + (intervalMicros % 1_000 == 0 ? intervalMicros / 1_000 + "ms" : intervalMicros + "us");
        }

        /** For labels: {@code switch 5 ms}, {@code switch 0.5 ms}. */
        String label() {
            return String.format(Locale.ROOT, "%s %s ms", mode.id(), new BigDecimal(intervalMicros)
                    .movePointLeft(3).stripTrailingZeros().toPlainString());
        }

        Interpreter interpreter(boolean trace) {
            return Interpreter.create(InterpreterConfig.of(mode).withSwitchIntervalMicros(intervalMicros).withTrace(trace));
        }
    }

    /**
     * What one configuration measured.
     *
     * @param measurement   the run
     * @param roundTrips    the I/O thread's latencies over the window, ns
     * @param windowNanos   how long the I/O thread measured
     * @param cpuIterations countdown iterations of all CPU threads over the run
     */
    record Conversation(Measurement measurement, Histogram roundTrips, long windowNanos, long cpuIterations) {

        double requestsPerSecond() {
            return roundTrips.getTotalCount() * 1e9 / windowNanos;
        }

        double p50Micros() {
            return roundTrips.getValueAtPercentile(50) / 1e3;
        }

        double p99Micros() {
            return roundTrips.getValueAtPercentile(99) / 1e3;
        }

        /** The I/O thread's lock counters. */
        LockStats.Counts io() {
            return measurement.stats().thread(IO_THREAD).counts();
        }

        /** The share of the wall time during which a CPU thread held the lock. */
        double cpuHeldShare() {
            return (double) (measurement.stats().total().heldNanos() - io().heldNanos()) / measurement.wallNanos();
        }

        /** Millions of countdown iterations per second, all CPU threads together. */
        double cpuMegaIterationsPerSecond() {
            return cpuIterations * 1e3 / measurement.wallNanos();
        }
    }

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        Duration window = Duration.ofNanos(1_000 * settings.scaled(WINDOW_MICROS, 50_000));
        List<Config> configs = settings.mode() == null && settings.switchIntervalMicros() == null ? DEFAULT_CONFIGS
                : List.of(new Config(settings.modeOr(LockMode.SWITCH),
                        settings.switchIntervalOr(InterpreterConfig.DEFAULT_SWITCH_INTERVAL_MICROS)));
        List<Integer> cpuCounts = settings.threadsOr(List.of(1, 2, 3)).stream().filter(t -> t > 1).map(t -> t - 1).toList();
        cpuCounts.stream().max(Integer::compare).ifPresent(most -> configs.forEach(c -> requireFinishes(c, most)));
        List<Row> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (LoopbackEchoServer server = LoopbackEchoServer.start(PEER_LATENCY)) {
            Config first = configs.getFirst();
            int warmUpCpu = cpuCounts.isEmpty() ? 0 : 1;
            converse(first.interpreter(false), server.address(), warmUpCpu, window.dividedBy(4)); // JIT warm-up, discarded
            Conversation alone = converse(first.interpreter(settings.trace()), server.address(), 0, window);
            double aloneRps = alone.requestsPerSecond();
            rows.add(row("I/O thread alone", alone, aloneRps));
            putMetrics(metrics, "alone", alone);
            settings.progress().stepDone(rows.getLast().label());

            Trace telling = alone.measurement().trace();
            for (Config config : configs) {
                for (int cpu : cpuCounts) {
                    Conversation c = converse(config.interpreter(settings.trace()), server.address(), cpu, window);
                    if (cpu == cpuCounts.getFirst() && config == first) {
                        telling = c.measurement().trace();
                    }
                    rows.add(row(config.label() + ", I/O + " + cpu + " CPU", c, aloneRps));
                    putMetrics(metrics, config.key() + ".cpu" + cpu, c);
                    settings.progress().stepDone(rows.getLast().label());
                }
            }
            return new LessonResult(INFO, rows, conclusion(configs, cpuCounts, metrics), metrics, telling)
                    .withChart(chart(metrics, configs, cpuCounts));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the loopback server", e);
        }
    }

    /**
     * Refuses a configuration that cannot finish within a run's time limit. Under {@code switch}
     * the I/O thread takes the lock back twice per round trip (after sending, after receiving)
     * and may wait a switch interval behind each CPU thread each time, so the warm-up and the
     * least measured round trips need up to {@code 2 x cpuThreads x interval} apiece. (Under
     * {@code priority} a thread that released the lock gets it back at once.)
     */
    static void requireFinishes(Config config, int cpuThreads) {
        if (config.mode() != LockMode.SWITCH) {
            return;
        }
        long waits = 2L * cpuThreads * (WARMUP_ROUND_TRIPS + MIN_ROUND_TRIPS);
        long limitMicros = ThreadedRun.TIME_LIMIT.toNanos() / 1_000;
        if (config.intervalMicros() * waits > limitMicros) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "switch interval %d us is too long for "
                    + "lesson 11 with %d CPU thread(s): its %d round trips may each wait 2 x %d intervals, "
                    + "%d s in all, more than a run's limit of %d s; use --switch-interval %d or less, "
                    + "or fewer threads",
                    config.intervalMicros(), cpuThreads, WARMUP_ROUND_TRIPS + MIN_ROUND_TRIPS, cpuThreads,
                    config.intervalMicros() * waits / 1_000_000, limitMicros / 1_000_000, limitMicros / waits));
        }
    }

    /**
     * One configuration: thread 0 does round trips, threads 1 to {@code cpuThreads} count down.
     * The I/O thread first waits, with the lock released, until every CPU thread has run, warms
     * up, then measures for {@code window} and at least {@link #MIN_ROUND_TRIPS}; the CPU threads
     * stop when it is done.
     */
    private static Conversation converse(Interpreter interpreter, InetSocketAddress server, int cpuThreads,
                                         Duration window) {
        Histogram latencies = new Histogram(3);
        AtomicLong measuredNanos = new AtomicLong();
        LongAdder iterations = new LongAdder();
        CountDownLatch cpuRunning = new CountDownLatch(cpuThreads);
        AtomicBoolean ioDone = new AtomicBoolean();
        Measurement m = ThreadedRun.run(interpreter, 1 + cpuThreads, PREFIX, IoBody.unchecked(i -> {
            if (i == 0) {
                try {
                    if (!interpreter.blocking(() -> cpuRunning.await(START_LIMIT.toNanos(), TimeUnit.NANOSECONDS))) {
                        throw new IllegalStateException("the CPU threads did not start within " + START_LIMIT);
                    }
                    measuredNanos.set(roundTrips(interpreter, server, window, latencies));
                } finally {
                    ioDone.set(true);
                }
            } else {
                Kernels kernels = KernelsUnderLock.interpreted(interpreter);
                do {
                    kernels.countdown(CHUNK);
                    iterations.add(CHUNK);
                    cpuRunning.countDown();
                } while (!ioDone.get());
            }
        }));
        return new Conversation(m, latencies, measuredNanos.get(), iterations.sum());
    }

    /** Warm-up round trips, then round trips for {@code window} (at least {@link #MIN_ROUND_TRIPS}); returns the time measured. */
    private static long roundTrips(Interpreter interpreter, InetSocketAddress server, Duration window,
                                   Histogram latencies) throws IOException {
        try (LoopbackConnection c = interpreter.blocking(() -> LoopbackConnection.open(server))) {
            for (int k = 0; k < WARMUP_ROUND_TRIPS; k++) {
                roundTrip(interpreter, c);
            }
            long start = System.nanoTime();
            long end = start + window.toNanos();
            long now = start;
            while (now < end || latencies.getTotalCount() < MIN_ROUND_TRIPS) {
                roundTrip(interpreter, c);
                long t = System.nanoTime();
                latencies.recordValue(t - now);
                now = t;
            }
            return now - start;
        }
    }

    /** A send and a receive, each a blocking call: the lock is released twice and taken back twice. */
    private static void roundTrip(Interpreter interpreter, LoopbackConnection c) throws IOException {
        interpreter.blocking(() -> c.send(PING));
        String reply = interpreter.blocking(c::receiveLine);
        if (!reply.equals(PING)) {
            throw new IOException("sent '" + PING + "', the echo server answered '" + reply + "'");
        }
    }

    /**
     * Round trips per second of the I/O thread, alone and beside each number of CPU threads,
     * per lock configuration: the convoy is the drop from the first bar, the cure how much
     * of it a configuration wins back.
     */
    private static LessonChart chart(Map<String, Double> metrics, List<Config> configs, List<Integer> cpuCounts) {
        List<LessonChart.Point> bars = new ArrayList<>();
        bars.add(LessonChart.bar("round trips per second", "I/O thread alone", metrics.get("rps.alone")));
        for (Config config : configs) {
            for (int cpu : cpuCounts) {
                bars.add(LessonChart.bar("round trips per second", config.label() + ", + " + cpu + " CPU thread" + (cpu == 1 ? "" : "s"),
                        metrics.get("rps." + config.key() + ".cpu" + cpu)));
            }
        }
        return LessonChart.bars("I/O round trips per second, alone and beside CPU-bound threads",
                "round trips per second", bars);
    }

    /** The standard columns, with the speedup redefined: requests per second against the I/O thread alone. */
    private static Row row(String label, Conversation c, double aloneRps) {
        Row standard = Row.of(label, c.measurement(), c.measurement().wallNanos());
        return new Row(standard.label(), standard.threads(), standard.wallMillis(), c.requestsPerSecond() / aloneRps,
                standard.switches(), standard.forcedDrops(), standard.waitShare(), Map.of())
                .with("rtt p50 us", String.format(Locale.ROOT, "%.0f", c.p50Micros()))
                .with("rtt p99 us", String.format(Locale.ROOT, "%.0f", c.p99Micros()))
                .with("req/s", String.format(Locale.ROOT, "%.0f", c.requestsPerSecond()))
                .with("cpu Mit/s", c.cpuIterations() == 0 ? "-"
                        : String.format(Locale.ROOT, "%.0f", c.cpuMegaIterationsPerSecond()))
                .with("cpu held", c.cpuIterations() == 0 ? "-"
                        : String.format(Locale.ROOT, "%.0f%%", 100 * c.cpuHeldShare()));
    }

    private static void putMetrics(Map<String, Double> metrics, String key, Conversation c) {
        metrics.put("rtt.p50.micros." + key, c.p50Micros());
        metrics.put("rtt.p99.micros." + key, c.p99Micros());
        metrics.put("rps." + key, c.requestsPerSecond());
        metrics.put("cpu.mits." + key, c.cpuMegaIterationsPerSecond());
        metrics.put("cpu.held." + key, c.cpuHeldShare());
        metrics.put("io.dropRequests." + key, (double) c.io().dropRequests());
        metrics.put("io.waitTimeouts." + key, (double) c.io().waitTimeouts());
    }

    /**
     * Alone, then each configuration with the first CPU count: round trips per second (the mean,
     * which counts every interval paid; the median can stay low when the CPU thread loses most
     * races), the median, and the CPU threads' share of the lock.
     */
    private static String conclusion(List<Config> configs, List<Integer> cpuCounts, Map<String, Double> metrics) {
        double aloneRps = metrics.get("rps.alone");
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "alone the I/O thread did %.0f round trips/s (median %.0f us)", aloneRps, metrics.get("rtt.p50.micros.alone")));
        if (cpuCounts.isEmpty()) {
            return b.append('.').toString();
        }
        int cpu = cpuCounts.getFirst();
        b.append(String.format(Locale.ROOT, "; next to %d CPU thread%s:", cpu, cpu == 1 ? "" : "s"));
        double worst = 0;
        for (Config config : configs) {
            String key = config.key() + ".cpu" + cpu;
            double fewer = aloneRps / metrics.get("rps." + key);
            worst = Math.max(worst, fewer);
            b.append(String.format(Locale.ROOT, " %s %.0f/s (%.1fx fewer, median %.0f us, CPU threads held the lock %.0f%%);",
                    config.label(), metrics.get("rps." + key), fewer, metrics.get("rtt.p50.micros." + key),
                    100 * metrics.get("cpu.held." + key)));
        }
        b.setLength(b.length() - 1);
        return b.append(worst >= CONVOY_FACTOR
                ? String.format(Locale.ROOT, ": the convoy effect, up to %.0fx fewer round trips than alone.", worst)
                : String.format(Locale.ROOT, ": no convoy, at most %.1fx fewer round trips than alone.", worst)).toString();
    }
}
