package dev.gillab.lesson.catalogue;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.kernel.Kernels;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Verdict;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.ReleasedCall;
import dev.gillab.stdlib.IoBody;
import dev.gillab.stdlib.LoopbackConnection;
import dev.gillab.stdlib.LoopbackEchoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * <h2>Lesson 10: blocking I/O releases the lock, so I/O-bound threads overlap their waits</h2>
 *
 * <p>The problem. The other half of the famous experiment: threads that mostly wait (for a
 * web server, a disk, a child process) do run faster with more threads, lock or no lock,
 * because CPython releases the lock around every blocking system call. Ten fetches that each
 * wait one second take about one second on ten threads, against ten seconds one after another.
 * A call that blocks <em>without</em> releasing (a C extension that forgot
 * {@code Py_BEGIN_ALLOW_THREADS}) takes that away: the other threads cannot run until it returns.
 *
 * <p>The real-world analogue. The seeds' fetch example: {@code fetch_url(url)} with
 * {@code urllib.request.urlopen} on a {@code ThreadPool}, ten times
 * {@code https://httpbin.org/delay/1}. {@code urlopen} ends in {@code socket.recv}, which
 * CPython runs between {@code Py_BEGIN_ALLOW_THREADS} and {@code Py_END_ALLOW_THREADS}
 * ({@code Modules/socketmodule.c}, {@code sock_call_ex}), as it does {@code connect},
 * {@code send} and {@code time.sleep}.
 *
 * <p>What runs here. A {@link LoopbackEchoServer} on 127.0.0.1 plays httpbin: it answers each
 * request line after a delay, on a thread of its own per connection. Ten fetches are spread
 * over the threads of each row; a fetch connects, sends {@code GET /delay/...} and reads the
 * reply, each step through {@link Interpreter#blocking}. The same ten waits are then made
 * through the native {@code sleepMicros} with the lock released around it
 * ({@link KernelsUnderLock#releasing}, a correct extension). The broken row makes the socket
 * fetches with the lock held: the same three calls without {@code blocking}.
 *
 * <p>What to observe. The wall/delay column counts fetch delays of wall time: about 10 for one
 * thread, about 1 for ten threads, socket or native alike, and about 10 again for the broken
 * row, whose lock-wait column shows the other threads queued behind the reader. The blocking
 * calls column counts the releases: three per fetch, none in the broken row.
 *
 * <p>Expected: 10 threads 8x to 10x faster than 1 thread, socket or native; the broken row no
 * faster than 1 thread. One fetch waits 400 ms at scale 1 (100 ms with {@code --quick}) rather
 * than the seeds' second, so that the two serial rows together take 8 s, not 20.
 *
 * <h2>Measured</h2>
 * <pre>
 * $ ./gillab lesson 10          (2026-11-22; 2 cores shared with other builds, load average ~6: noisy)
 * run                                     threads  wall ms  speedup  switches  forced drops  lock wait  wall/delay  blocking calls
 * --------------------------------------  -------  -------  -------  --------  ------------  ---------  ----------  --------------
 * 1 thread, socket                              1   4054.0    1.00x         1             0         0%        10.1              30
 * 10 threads, socket                           10    423.3    9.58x        26             0         2%         1.1              30
 * 10 threads, native sleep (ffm)               10    412.2    9.84x        20             0         0%         1.0              10
 * 10 threads, socket, lock held (broken)       10   4049.9    1.00x        10             0        45%        10.1               0
 * =&gt; 10 fetches of 400 ms: 10 threads took 0.42 s (the waits overlapped, 9.4x the serial time),
 *    1 took 4.05 s; the native sleep on 10 threads 0.41 s (the waits overlapped, 9.7x the serial
 *    time); with the lock held 4.05 s (the waits ran one after another).
 * </pre>
 *
 * <p>Ten threads finished the ten 400 ms fetches in 1.1 delays, 9.6x faster than one thread,
 * through the socket or the native sleep alike: each blocking call let the others run. The same
 * socket fetch made with the lock held took the ten delays again, and its 45% lock wait is the
 * nine other threads queued behind the reader, half the run each on average.
 *
 * <p>How to run: {@code ./gillab lesson 10} (options: {@code --threads 1,5,10 --mode priority
 * --binding jna --quick}).
 */
public final class Lesson10_BlockingIoReleasesTheLock implements Lesson {

    /** Fetches per row, as in the seeds' example. */
    static final int FETCHES = 10;

    /** One fetch's delay at scale 1, in microseconds. */
    static final long FETCH_DELAY_MICROS = 400_000;

    /** Below this speedup over the serial time, the waits did not overlap. */
    static final double OVERLAP_SPEEDUP = 2.0;

    private static final LessonInfo INFO = new LessonInfo(10, "Blocking I/O releases the lock", Verdict.RIGHT,
            "socket.recv and time.sleep release the GIL: urlopen('https://httpbin.org/delay/1') on a ThreadPool",
            "10 fetches: 10 threads 8x to 10x faster than 1 thread; with the lock held, no faster",
            "I/O-bound threads overlap their waits; a blocking call holding the lock serialises them");

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        Duration delay = Duration.ofNanos(1_000 * settings.scaled(FETCH_DELAY_MICROS, 20_000));
        List<Integer> threadCounts = settings.threadsOr(List.of(1, FETCHES));
        int most = Collections.max(threadCounts);
        Binding binding = settings.bindingOr(Binding.FFM);
        List<Row> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("fetch.seconds", seconds(delay.toNanos()));
        Measurement baseline = null;
        Measurement telling = null;
        try (LoopbackEchoServer server = LoopbackEchoServer.start(delay)) {
            for (int threads : threadCounts) {
                Measurement m = fetchOverSocket(settings.interpreter(), server.address(), threads, true);
                baseline = baseline == null ? m : baseline;
                telling = threads == most ? m : telling;
                rows.add(row(threads + (threads == 1 ? " thread" : " threads") + ", socket", m, baseline, delay));
                metrics.put("socket.seconds." + threads, seconds(m.wallNanos()));
                metrics.put("socket.blockingCalls." + threads, (double) m.stats().total().blockingCalls());
                settings.progress().stepDone(rows.getLast().label());
            }
            Interpreter interpreter = settings.interpreter();
            Kernels released = KernelsUnderLock.releasing(interpreter, binding);
            long delayMicros = delay.toNanos() / 1_000;
            Measurement nativeSleep = ThreadedRun.run(interpreter, most, "sleep",
                    i -> forEachFetch(i, most, n -> released.sleepMicros(delayMicros)));
            rows.add(row(most + " threads, native sleep (" + binding.id() + ")", nativeSleep, baseline, delay));
            settings.progress().stepDone(rows.getLast().label());

            Measurement held = fetchOverSocket(settings.interpreter(), server.address(), most, false);
            rows.add(row(most + " threads, socket, lock held (broken)", held, baseline, delay));
            settings.progress().stepDone(rows.getLast().label());

            metrics.put("threaded.seconds", seconds(telling.wallNanos()));
            if (threadCounts.contains(1)) {
                metrics.put("sequential.seconds", metrics.get("socket.seconds.1"));
            }
            metrics.put("native.seconds", seconds(nativeSleep.wallNanos()));
            metrics.put("native.blockingCalls", (double) nativeSleep.stats().total().blockingCalls());
            metrics.put("held.seconds", seconds(held.wallNanos()));
            metrics.put("held.blockingCalls", (double) held.stats().total().blockingCalls());
            metrics.put("server.connections", (double) server.connectionsAccepted());
            String conclusion = conclusion(baseline, telling, nativeSleep, held, delay);
            return new LessonResult(INFO, rows, conclusion, metrics, telling.trace());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the loopback server", e);
        }
    }

    /** {@link #FETCHES} socket fetches spread over {@code threads} attached threads. */
    private static Measurement fetchOverSocket(Interpreter interpreter, InetSocketAddress server, int threads,
                                               boolean release) {
        return ThreadedRun.run(interpreter, threads, release ? "fetch" : "fetch-held", IoBody.unchecked(
                i -> forEachFetch(i, threads, n -> fetch(interpreter, server, n, release))));
    }

    /** One fetch: connect, send the request, read the reply; each step released when {@code release}. */
    private static void fetch(Interpreter interpreter, InetSocketAddress server, int n, boolean release)
            throws IOException {
        try (LoopbackConnection c = call(interpreter, release, () -> LoopbackConnection.open(server))) {
            String request = "GET /delay #" + n;
            call(interpreter, release, () -> c.send(request));
            String reply = call(interpreter, release, c::receiveLine);
            if (!reply.equals(request)) {
                throw new IOException("fetch " + n + ": sent '" + request + "', the server answered '" + reply + "'");
            }
        }
    }

    /** A blocking call, with the lock released ({@link Interpreter#blocking}) or held throughout. */
    private static <T> T call(Interpreter interpreter, boolean release, ReleasedCall<T, IOException> call)
            throws IOException {
        return release ? interpreter.blocking(call) : call.call();
    }

    /** A fetch, numbered. */
    @FunctionalInterface
    private interface Fetch<X extends Exception> {
        void run(int n) throws X;
    }

    /** Runs the fetches of thread {@code index} of {@code threads}: numbers index, index + threads, ... */
    private static <X extends Exception> void forEachFetch(int index, int threads, Fetch<X> fetch) throws X {
        for (int n = index; n < FETCHES; n += threads) {
            fetch.run(n);
        }
    }

    private static Row row(String label, Measurement m, Measurement baseline, Duration delay) {
        return Row.of(label, m, baseline.wallNanos())
                .with("wall/delay", String.format(Locale.ROOT, "%.1f", (double) m.wallNanos() / delay.toNanos()))
                .with("blocking calls", Long.toString(m.stats().total().blockingCalls()));
    }

    private static String conclusion(Measurement first, Measurement threaded, Measurement nativeSleep,
                                     Measurement held, Duration delay) {
        long serialNanos = FETCHES * delay.toNanos();
        return String.format(Locale.ROOT, "%d fetches of %d ms: %d threads took %.2f s (%s), %d took %.2f s; "
                        + "the native sleep on %d threads %.2f s (%s); with the lock held %.2f s (%s).",
                FETCHES, delay.toMillis(), threaded.threads(), seconds(threaded.wallNanos()),
                overlap(threaded, serialNanos), first.threads(), seconds(first.wallNanos()),
                nativeSleep.threads(), seconds(nativeSleep.wallNanos()), overlap(nativeSleep, serialNanos),
                seconds(held.wallNanos()), overlap(held, serialNanos));
    }

    private static String overlap(Measurement m, long serialNanos) {
        double speedup = (double) serialNanos / m.wallNanos();
        return speedup >= OVERLAP_SPEEDUP
                ? String.format(Locale.ROOT, "the waits overlapped, %.1fx the serial time", speedup)
                : "the waits ran one after another";
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
