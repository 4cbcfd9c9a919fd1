package dev.gillab.lesson.catalogue;

import static dev.gillab.lesson.Expectation.Needs.ANY_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.IDLE_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.TWO_FREE_CORES;

import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.LatencyBesideBusyThreads;
import dev.gillab.experiment.LatencyBesideBusyThreads.Result;
import dev.gillab.experiment.LatencyBesideBusyThreads.Window;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.kernel.Kernels;
import dev.gillab.lesson.Band;
import dev.gillab.lesson.Expectation;
import dev.gillab.lesson.Figures;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonChart;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Metric;
import dev.gillab.lesson.Verdict;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import dev.gillab.stdlib.LoopbackConnection;
import dev.gillab.stdlib.LoopbackEchoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 11: the convoy effect, an I/O-bound thread next to a CPU-bound one.
 *
 * <p>A thread making many short blocking calls (a server) releases the lock at each and must take it back after.
 * If a CPU-bound thread took it meanwhile, the returning thread waits a whole switch interval before it may even
 * ask for it ({@code Python/ceval_gil.c}: {@code take_gil} waits {@code interval}, then sets
 * {@code gil_drop_request}): bpo-7946 (python/cpython#52194), "Convoy effect with I/O bound threads and New GIL".
 * Shorter intervals ({@code sys.setswitchinterval}) help in proportion; Beazley's proposal there, priority for
 * threads back from I/O (never adopted), cures it at a cost to the CPU-bound thread. Skvortsov's "Python behind
 * the scenes #13" (CPython 3.9) measured an echo server at about 30,000 requests a second alone, about 100 beside
 * a CPU-bound thread at 5 ms, about 500 at 1 ms; {@code gillab fidelity} scenario 7 measures CPython 3.11.
 */
public final class Lesson11_ConvoyEffect implements Lesson {

    /** The I/O thread: a request and its reply, each a blocking call: the lock is released and retaken twice. */
    static void roundTrip(Interpreter interpreter, LoopbackConnection c) throws IOException {
        interpreter.blocking(() -> c.send(PING));
        String reply = interpreter.blocking(c::receiveLine);
        if (!reply.equals(PING)) {
            throw new IOException("sent '" + PING + "', the echo server answered '" + reply + "'");
        }
    }

    /** A CPU-bound thread beside it: interpreted countdown, which gives the lock up only when asked. */
    static long countdownChunk(Kernels interpreted) {
        interpreted.countdown(CHUNK);
        return CHUNK;
    }

    /** The locks: CPython's at its default 5 ms (the convoy) and 0.5 ms; priority hands it straight back after I/O. */
    static final List<Config> CONFIGS = List.of(new Config(LockMode.SWITCH, 5_000), new Config(LockMode.SWITCH, 500),
            new Config(LockMode.PRIORITY, 5_000));

    static final Metric RPS = Metric.of("rps", "I/O round trips per second", Metric.Unit.NUMBER);
    static final Metric FEWER = Metric.of("fewer", "round trips per second alone over beside 1 CPU thread",
            Metric.Unit.RATIO);
    static final Metric PRIORITY_GAIN = Metric.of("priorityGain",
            "round trips per second beside 1 CPU thread, priority 5 ms over switch 5 ms", Metric.Unit.RATIO);
    static final Metric INTERVAL_GAIN = Metric.of("intervalGain",
            "round trips per second beside 1 CPU thread, switch 0.5 ms over switch 5 ms", Metric.Unit.RATIO);
    static final Metric EARLY_REQUESTS = Metric.of("earlyDropRequests",
            "the I/O thread's drop requests less its timed-out waits", Metric.Unit.COUNT);
    static final Metric DROP_REQUESTS = Metric.of("dropRequests", "the I/O thread's drop requests", Metric.Unit.COUNT);
    static final Metric CPU_MITS = Metric.of("cpuMits", "CPU threads' countdown, millions of iterations a second",
            Metric.Unit.NUMBER);

    static final LessonInfo INFO = new LessonInfo(11, "The convoy effect", Verdict.SHOWS,
            "bpo-7946: an echo server next to a CPU-bound thread; sys.setswitchinterval; Beazley's priority GIL",
            "each blocking call of an I/O thread waits up to a switch interval behind a CPU-bound thread",
            List.of(Expectation.of(EARLY_REQUESTS.at("switch5ms.cpu1"), Band.atMost(0), ANY_MACHINE)
                            .cpython("Python/ceval_gil.c: take_gil sets gil_drop_request only after a timed-out wait"),
                    Expectation.of(EARLY_REQUESTS.at("priority5ms.cpu1"), Band.above(0), ANY_MACHINE),
                    Expectation.of(DROP_REQUESTS.at("priority5ms.cpu1"), Band.atLeast(20), ANY_MACHINE),
                    Expectation.of(CPU_MITS.at("switch5ms.cpu1"), Band.above(0), ANY_MACHINE),
                    Expectation.of(FEWER.at("switch5ms"), Band.atLeast(5), TWO_FREE_CORES)
                            .cpython("CPython 3.11.7: median round trip 1.03 intervals beside 1 CPU thread, 0.0115 "
                                    + "alone, gillab fidelity scenario 7"),
                    Expectation.of(PRIORITY_GAIN, Band.atLeast(5), TWO_FREE_CORES),
                    Expectation.of(RPS.at("alone"), Band.atLeast(1_000), IDLE_MACHINE),
                    Expectation.of(RPS.at("switch5ms.cpu1"), Band.between(100, 200), IDLE_MACHINE)
                            .cpython("CPython 3.9: about 100 requests a second, Skvortsov's 'Python behind the "
                                    + "scenes #13'; 3.11.7: one interval per round trip, gillab fidelity scenario 7"),
                    Expectation.of(INTERVAL_GAIN, Band.atLeast(3), IDLE_MACHINE)
                            .cpython("CPython 3.9: 500 requests a second at 1 ms against 100 at 5 ms, Skvortsov's "
                                    + "'Python behind the scenes #13'; 3.11.7: 1.2 intervals of 0.5 ms per round trip, "
                                    + "gillab fidelity scenario 7"),
                    Expectation.of(FEWER.at("priority5ms"), Band.atMost(1.5), IDLE_MACHINE)));

    /** How long the echo server takes to answer: a round trip on a local network. */
    static final Duration PEER_LATENCY = Duration.ofNanos(100_000);
    /** Each configuration's window at scale 1, in microseconds. */
    static final long WINDOW_MICROS = 1_000_000;
    /** Round trips timed at least, however long they take, so that a median means something (the 20 above). */
    static final int MIN_ROUND_TRIPS = 20;
    /** Untimed round trips first: they make a priority-mode CPU thread CPU-bound (forced once). */
    static final int WARMUP_ROUND_TRIPS = 5;
    /** Countdown iterations between two checks of the stop flag (about a millisecond). */
    static final long CHUNK = 200_000;
    /** Fewer round trips than alone by at least this factor: a convoy. */
    static final double CONVOY_FACTOR = 5;
    private static final String PING = "ping";

    /** A lock mode at a switch interval. */
    record Config(LockMode mode, long intervalMicros) {

        /** For labels: {@code switch 5 ms}, {@code switch 0.5 ms}. */
        String label() {
            return mode.id() + " " + new BigDecimal(intervalMicros).movePointLeft(3).stripTrailingZeros()
                    .toPlainString() + " ms";
        }

        /** For metric names: {@code switch5ms}, {@code switch0.5ms}. */
        String key() {
            return label().replace(" ", "");
        }
    }

    @Override
    public LessonInfo info() {
        return INFO;
    }

    /** The I/O thread's round trips to an echo server alone, then beside 1 and 2 CPU threads under each lock. */
    @Override
    public LessonResult run(LessonSettings settings) {
        Window window = new Window(Duration.ofNanos(1_000 * settings.scaled(WINDOW_MICROS, 50_000)),
                WARMUP_ROUND_TRIPS, MIN_ROUND_TRIPS);
        List<Config> configs = settings.mode() == null && settings.switchIntervalMicros() == null ? CONFIGS
                : List.of(new Config(settings.modeOr(LockMode.SWITCH),
                        settings.switchIntervalOr(InterpreterConfig.DEFAULT_SWITCH_INTERVAL_MICROS)));
        var cpuCounts = settings.threadsOr(List.of(1, 2, 3)).stream().filter(t -> t > 1).map(t -> t - 1).toList();
        cpuCounts.stream().max(Integer::compare).ifPresent(most -> configs.forEach(c -> requireFinishes(c, most)));
        List<Row> rows = new ArrayList<>();
        Figures figures = new Figures();
        List<LessonChart.Point> bars = new ArrayList<>();
        try (LoopbackEchoServer server = LoopbackEchoServer.start(PEER_LATENCY)) {
            Config first = configs.getFirst();
            converse(settings.withTrace(false), first, server.address(), cpuCounts.isEmpty() ? 0 : 1,
                    window.over(window.length().dividedBy(4))); // JIT warm-up, discarded
            Result alone = converse(settings, first, server.address(), 0, window);
            double aloneRps = alone.operationsPerSecond();
            add(rows, figures, bars, "I/O thread alone", "alone", alone, aloneRps);
            settings.progress().stepDone(rows.getLast().label());
            var telling = alone.measurement().trace();
            for (Config config : configs) {
                for (int cpu : cpuCounts) {
                    Result beside = converse(settings, config, server.address(), cpu, window);
                    telling = cpu == cpuCounts.getFirst() && config == first ? beside.measurement().trace() : telling;
                    add(rows, figures, bars, config.label() + ", I/O + " + cpu + " CPU", config.key() + ".cpu" + cpu,
                            beside, aloneRps);
                    if (cpu == 1) {
                        figures.put(FEWER.at(config.key()), aloneRps / beside.operationsPerSecond());
                    }
                    settings.progress().stepDone(rows.getLast().label());
                }
            }
            if (cpuCounts.contains(1) && configs == CONFIGS) {
                var rps = figures.asMap();
                double switch5ms = rps.get(RPS.at("switch5ms.cpu1"));
                figures.put(PRIORITY_GAIN, rps.get(RPS.at("priority5ms.cpu1")) / switch5ms)
                        .put(INTERVAL_GAIN, rps.get(RPS.at("switch0.5ms.cpu1")) / switch5ms);
            }
            return new LessonResult(INFO, rows, conclusion(rows), figures, telling, LessonChart.bars(
                    "I/O round trips per second, alone and beside CPU-bound threads", "round trips per second", bars));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the loopback server", e);
        }
    }

    /**
     * Refuses a {@code switch} configuration whose warm-up and least timed round trips, each of which may
     * wait an interval behind each CPU thread twice, could outlast a run's time limit.
     */
    static void requireFinishes(Config config, int cpuThreads) {
        long waits = 2L * cpuThreads * (WARMUP_ROUND_TRIPS + MIN_ROUND_TRIPS);
        long limitMicros = ThreadedRun.TIME_LIMIT.toNanos() / 1_000;
        if (config.mode() == LockMode.SWITCH && config.intervalMicros() * waits > limitMicros) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "switch interval %d us is too long for "
                            + "lesson 11 with %d CPU thread(s): its %d round trips may each wait 2 x %d intervals, "
                            + "%d s in all, more than a run's limit of %d s; use --switch-interval %d or less, or "
                            + "fewer threads",
                    config.intervalMicros(), cpuThreads, WARMUP_ROUND_TRIPS + MIN_ROUND_TRIPS, cpuThreads,
                    config.intervalMicros() * waits / 1_000_000, limitMicros / 1_000_000, limitMicros / waits));
        }
    }

    /** The I/O thread's round trips beside {@code cpuThreads} countdown threads, under {@code config}'s lock. */
    private static Result converse(LessonSettings settings, Config config, InetSocketAddress server, int cpuThreads,
                                   Window window) {
        var interpreter = settings.withMode(config.mode()).withSwitchIntervalMicros(config.intervalMicros())
                .interpreter();
        var interpreted = KernelsUnderLock.interpreted(interpreter);
        return LatencyBesideBusyThreads.run(interpreter, cpuThreads, window,
                () -> interpreter.blocking(() -> LoopbackConnection.open(server)),
                c -> roundTrip(interpreter, c), () -> countdownChunk(interpreted));
    }

    /** The row of one configuration (its speedup: round trips per second against alone), its figures and bar. */
    private static void add(List<Row> rows, Figures figures, List<LessonChart.Point> bars, String label, String key,
                            Result r, double aloneRps) {
        rows.add(r.row(label, aloneRps));
        figures.put(RPS.at(key), r.operationsPerSecond())
                .put(EARLY_REQUESTS.at(key), (double) r.timedThread().dropRequests() - r.timedThread().waitTimeouts())
                .put(DROP_REQUESTS.at(key), (double) r.timedThread().dropRequests());
        if (r.busyIterations() > 0) {
            figures.put(CPU_MITS.at(key), r.busyMegaIterationsPerSecond());
        }
        bars.add(LessonChart.bar("round trips per second", label, r.operationsPerSecond()));
    }

    /** Round trips per second of each row against alone, and whether any row shows a convoy. */
    private static String conclusion(List<Row> rows) {
        var beside = rows.subList(1, rows.size());
        double worst = Math.max(1, beside.stream().mapToDouble(r -> 1 / r.speedup()).max().orElse(1));
        return "alone the I/O thread did " + rows.getFirst().extra().get("req/s") + " round trips/s"
                + String.join("", beside.stream().map(r -> String.format(Locale.ROOT, "; %s %s/s (%.1fx fewer)",
                        r.label(), r.extra().get("req/s"), 1 / r.speedup())).toList())
                + String.format(Locale.ROOT, worst >= CONVOY_FACTOR
                        ? ": the convoy effect, up to %.0fx fewer round trips than alone."
                        : ": no convoy, at most %.1fx fewer round trips than alone.", worst);
    }

    /*
     * Measured:
     * <output>
     * $ ./gillab lesson 11      (2026-12-08; 2 cores, AMD EPYC; load average 1.63 2.12 3.47 before)
     *
     * run                         threads  wall ms  speedup  switches  forced drops  lock wait  rtt p50 us  rtt p99 us  req/s  cpu Mit/s  cpu held
     * --------------------------  -------  -------  -------  --------  ------------  ---------  ----------  ----------  -----  ---------  --------
     * I/O thread alone                  1   1011.5    1.00x         1             0         0%         198         550   4504  -          -
     * switch 5 ms, I/O + 1 CPU          2   1078.5    0.03x       381           190        48%       10346       14172    134        638       96%
     * switch 5 ms, I/O + 2 CPU          3   1125.5    0.02x       327           188        61%        5513       26362    107        686       97%
     * switch 0.5 ms, I/O + 1 CPU        2   1016.8    0.26x      2458          1228        41%         838        3193   1169        524       90%
     * switch 0.5 ms, I/O + 2 CPU        3   1029.2    0.15x      2133          1344        51%        1245        5497    693        744       93%
     * priority 5 ms, I/O + 1 CPU        2   1014.0    0.82x     11549          5774         9%         225        1385   3711        607       78%
     * priority 5 ms, I/O + 2 CPU        3   1016.0    0.36x      5122          2560        31%         243        4239   1615        722       90%
     * => alone the I/O thread did 4504 round trips/s; switch 5 ms, I/O + 1 CPU 134/s (33.7x fewer); switch 5 ms, I/O + 2 CPU 107/s (42.1x fewer); switch 0.5 ms, I/O + 1 CPU 1169/s (3.9x fewer); switch 0.5 ms, I/O + 2 CPU 693/s (6.5x fewer); priority 5 ms, I/O + 1 CPU 3711/s (1.2x fewer); priority 5 ms, I/O + 2 CPU 1615/s (2.8x fewer): the convoy effect, up to 42x fewer round trips than alone.
     *    expectations: 10 of 10 held
     * </output>
     * Read req/s (speedup is req/s against alone). Beside a CPU thread under switch at 5 ms the round
     * trips fall towards one per interval, the median to two intervals (receive and send both paid)
     * when the CPU thread takes the released lock before the reply comes back; a busy machine makes
     * it lose that race often, and then only the p99 shows the intervals. A tenth of the interval
     * gives several times the round trips; priority brings them near alone, for a few points of the
     * CPU threads' share of the lock (cpu held). A second CPU thread makes everything worse.
     *
     * How to run: ./gillab lesson 11   (options: --threads 1,2 for the I/O thread plus N-1 CPU
     * threads; --mode or --switch-interval to run that one configuration instead of the three; --quick).
     */
}
