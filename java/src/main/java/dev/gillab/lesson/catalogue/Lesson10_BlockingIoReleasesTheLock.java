package dev.gillab.lesson.catalogue;

import static dev.gillab.lesson.Expectation.Needs.ANY_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.IDLE_MACHINE;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.TasksOverThreads;
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
import dev.gillab.stdlib.LoopbackConnection;
import dev.gillab.stdlib.LoopbackEchoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Lesson 10: blocking I/O releases the lock, so I/O-bound threads overlap their waits.
 *
 * <p>Ten fetches from a slow server take ten delays one after another and about one on ten threads:
 * CPython releases the GIL around every blocking system call ({@code Modules/socketmodule.c}:
 * {@code sock_call_ex} for connect, send and recv; {@code Modules/_ssl.c}: {@code _ssl__SSLSocket_read_impl}
 * around {@code SSL_read}; {@code Modules/timemodule.c} for {@code time.sleep}). A call that blocks with the
 * lock held (a C extension without {@code Py_BEGIN_ALLOW_THREADS}) makes every other thread wait too.
 * The Python program: {@code ThreadPool(10).map(fetch_url, ["https://httpbin.org/delay/1"] * 10)}.
 */
public final class Lesson10_BlockingIoReleasesTheLock implements Lesson {

    /** Right: {@code urlopen(url).read()}. Connect, send and receive each release the lock while they block. */
    static void fetch(Interpreter interpreter, InetSocketAddress server, int n) throws IOException {
        String request = "GET /delay #" + n;
        try (LoopbackConnection c = interpreter.blocking(() -> LoopbackConnection.open(server))) {
            interpreter.blocking(() -> c.send(request));
            expectEcho(request, interpreter.blocking(c::receiveLine));
        }
    }

    /** Broken: the same three calls with the lock held, as an extension blocking without releasing it. */
    static void fetchHoldingTheLock(InetSocketAddress server, int n) throws IOException {
        String request = "GET /delay #" + n;
        try (LoopbackConnection c = LoopbackConnection.open(server)) {
            c.send(request);
            expectEcho(request, c.receiveLine());
        }
    }

    /** Right, in C: a native wait with the lock released around the call ({@code Py_BEGIN_ALLOW_THREADS}). */
    static void nativeWait(Kernels releasing, Duration delay) {
        releasing.sleepMicros(delay.toNanos() / 1_000);
    }

    static final Metric SPEEDUP = Metric.of("speedup", "10 socket fetches, speedup over 1 thread", Metric.Unit.RATIO);
    static final Metric WALL_IN_DELAYS = Metric.of("wallInDelays", "wall time of 10 fetches, in fetch delays",
            Metric.Unit.NUMBER);
    static final Metric BLOCKING_CALLS = Metric.of("blockingCallsPerFetch", "blocking calls per fetch",
            Metric.Unit.NUMBER);
    static final Metric CONNECTIONS = Metric.of("connectionsPerFetch",
            "connections the server accepted, per socket fetch", Metric.Unit.NUMBER);

    /** Below this many delays ten fetches overlapped, whatever a loaded machine adds; one after another take ten. */
    static final double OVERLAPPED_DELAYS = 9;

    static final LessonInfo INFO = new LessonInfo(10, "Blocking I/O releases the lock", Verdict.RIGHT,
            "socket.recv and time.sleep release the GIL: urlopen('https://httpbin.org/delay/1') on a ThreadPool",
            "I/O-bound threads overlap their waits; a blocking call holding the lock serialises them",
            List.of(Expectation.of(WALL_IN_DELAYS.threads(1), Band.atLeast(9.9), ANY_MACHINE),
                    Expectation.of(WALL_IN_DELAYS.threads(10), Band.below(OVERLAPPED_DELAYS), ANY_MACHINE),
                    Expectation.of(WALL_IN_DELAYS.at("native"), Band.below(OVERLAPPED_DELAYS), ANY_MACHINE),
                    Expectation.of(WALL_IN_DELAYS.at("held"), Band.atLeast(9.9), ANY_MACHINE),
                    Expectation.of(BLOCKING_CALLS.threads(1), Band.exactly(3), ANY_MACHINE)
                            .cpython("Modules/socketmodule.c: sock_call_ex runs connect, send and recv with the "
                                    + "GIL released; Modules/_ssl.c releases it around SSL_read"),
                    Expectation.of(BLOCKING_CALLS.threads(10), Band.exactly(3), ANY_MACHINE),
                    Expectation.of(BLOCKING_CALLS.at("native"), Band.exactly(1), ANY_MACHINE),
                    Expectation.of(BLOCKING_CALLS.at("held"), Band.exactly(0), ANY_MACHINE),
                    Expectation.of(CONNECTIONS, Band.exactly(1), ANY_MACHINE),
                    Expectation.of(SPEEDUP.threads(10), Band.between(8, 10.5), IDLE_MACHINE)
                            .cpython("CPython 3.11.7: 10 threads in time.sleep take 1.01 sleeps, "
                                    + "gillab fidelity scenario 6")));

    /** Fetches per row. */
    static final int FETCHES = 10;
    /** One fetch's delay at scale 1, in microseconds. */
    static final long FETCH_DELAY_MICROS = 400_000;

    @Override
    public LessonInfo info() {
        return INFO;
    }

    /** A loopback echo server plays httpbin; socket fetches per thread count, then the other two rows. */
    @Override
    public LessonResult run(LessonSettings settings) {
        Duration delay = Duration.ofNanos(1_000 * settings.scaled(FETCH_DELAY_MICROS, 20_000));
        List<Integer> threadCounts = settings.threadsOr(List.of(1, FETCHES));
        int most = Collections.max(threadCounts);
        Binding binding = settings.bindingOr(Binding.FFM);
        List<Row> rows = new ArrayList<>();
        Figures figures = new Figures();
        try (LoopbackEchoServer server = LoopbackEchoServer.start(delay)) {
            var address = server.address();
            Measurement first = null, telling = null;
            for (int threads : threadCounts) {
                var interpreter = settings.interpreter();
                var m = TasksOverThreads.run(interpreter, threads, FETCHES, "fetch",
                        n -> fetch(interpreter, address, n));
                first = first == null ? m : first;
                telling = threads == most ? m : telling;
                var row = row(threads + (threads == 1 ? " thread" : " threads") + ", socket", m, first, delay, figures,
                        metric -> metric.threads(threads));
                rows.add(row);
                figures.put(SPEEDUP.threads(threads), row.speedup());
                settings.progress().stepDone(row.label());
            }
            var interpreter = settings.interpreter();
            var releasing = KernelsUnderLock.releasing(interpreter, binding);
            var nativeWaits = TasksOverThreads.run(interpreter, most, FETCHES, "sleep",
                    n -> nativeWait(releasing, delay));
            rows.add(row(most + " threads, native sleep (" + binding.id() + ")", nativeWaits, first, delay, figures,
                    metric -> metric.at("native")));
            settings.progress().stepDone(rows.getLast().label());
            var held = TasksOverThreads.run(settings.interpreter(), most, FETCHES, "fetch-held",
                    n -> fetchHoldingTheLock(address, n));
            rows.add(row(most + " threads, socket, lock held (broken)", held, first, delay, figures,
                    metric -> metric.at("held")));
            settings.progress().stepDone(rows.getLast().label());
            figures.put(CONNECTIONS, (double) server.connectionsAccepted() / (FETCHES * (threadCounts.size() + 1)));
            return new LessonResult(INFO, rows, conclusion(rows, delay), figures, telling.trace(), LessonChart.SPEEDUP);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the loopback server", e);
        }
    }

    private static void expectEcho(String request, String reply) throws IOException {
        if (!reply.equals(request)) {
            throw new IOException("sent '" + request + "', the server answered '" + reply + "'");
        }
    }

    /** The row of one run, its wall time in delays and its blocking calls per fetch put under {@code member}. */
    private static Row row(String label, Measurement m, Measurement first, Duration delay, Figures figures,
                           UnaryOperator<Metric> member) {
        double inDelays = (double) m.wallNanos() / delay.toNanos();
        long blockingCalls = m.stats().total().blockingCalls();
        figures.put(member.apply(WALL_IN_DELAYS), inDelays)
                .put(member.apply(BLOCKING_CALLS), (double) blockingCalls / FETCHES);
        return Row.of(label, m, first.wallNanos())
                .with("wall/delay", String.format(Locale.ROOT, "%.1f", inDelays))
                .with("blocking calls", Long.toString(blockingCalls));
    }

    /** Each row's wall time in delays, and whether its waits overlapped. */
    private static String conclusion(List<Row> rows, Duration delay) {
        return FETCHES + " fetches of " + delay.toMillis() + " ms: " + String.join("; ", rows.stream().map(r -> {
            double inDelays = r.wallMillis() / delay.toMillis();
            return String.format(Locale.ROOT, "%s %.1f delays (%s)", r.label(), inDelays,
                    inDelays < OVERLAPPED_DELAYS ? "the waits overlapped" : "the waits ran one after another");
        }).toList()) + ".";
    }

    /*
     * Measured:
     * <output>
     * $ ./gillab lesson 10      (2026-12-08; 2 cores, AMD EPYC; load average 1.83 2.20 3.54 before)
     *
     * run                                     threads  wall ms  speedup  switches  forced drops  lock wait  wall/delay  blocking calls
     * --------------------------------------  -------  -------  -------  --------  ------------  ---------  ----------  --------------
     * 1 thread, socket                              1   4068.0    1.00x         1             0         0%        10.2              30
     * 10 threads, socket                           10    418.4    9.72x        22             0         1%         1.0              30
     * 10 threads, native sleep (ffm)               10    414.8    9.81x        20             0         0%         1.0              10
     * 10 threads, socket, lock held (broken)       10   4048.1    1.00x        10             0        45%        10.1               0
     * => 10 fetches of 400 ms: 1 thread, socket 10.2 delays (the waits ran one after another); 10 threads, socket 1.0 delays (the waits overlapped); 10 threads, native sleep (ffm) 1.0 delays (the waits overlapped); 10 threads, socket, lock held (broken) 10.1 delays (the waits ran one after another).
     *    expectations: 10 of 10 held
     * </output>
     * Read wall/delay: about ten delays for one thread, about one for ten threads, through the socket
     * or the native sleep alike, since each blocking call let the others run; ten again with the lock
     * held, whose lock wait is the nine other threads queued behind the reader. Blocking calls count
     * the releases: three per socket fetch (connect, send, receive), one per native sleep, none held.
     *
     * How to run: ./gillab lesson 10   (options: --threads 1,5,10 --mode priority --binding jna --quick).
     */
}
