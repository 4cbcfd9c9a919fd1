package dev.gillab.bench;

import dev.gillab.bench.lock.AttachedThread;
import dev.gillab.bench.lock.CpuBoundThread;
import dev.gillab.lock.EnsuredRegion;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import dev.gillab.stdlib.LoopbackConnection;
import dev.gillab.stdlib.LoopbackEchoServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The convoy effect (bpo-7946) as a latency distribution: how long one network round trip of
 * an I/O-bound thread takes while 0, 1 or 2 CPU-bound threads run interpreted code under the
 * same interpreter lock, for each lock mode and two switch intervals.
 *
 * <h2>What runs</h2>
 * A {@link LoopbackEchoServer} on 127.0.0.1 (plain Java, another process as far as the
 * interpreter knows) echoes each line after {@link #PEER_LATENCY}. The JMH thread is the I/O
 * thread; each invocation is one round trip, written as a Python thread runs it:
 * <pre>{@code
 * try (EnsuredRegion _ = interpreter.ensure()) {          // the Python code holds the lock
 *     interpreter.blocking(() -> connection.send(line));  // sock.sendall: released while sending
 *     return interpreter.blocking(connection::receiveLine); // sock.recv: released while blocked
 * }
 * }</pre>
 * Each blocking call drops the lock and must take it back, and that is where the convoy
 * forms: while the I/O thread waits for the reply, a CPU-bound thread ({@link CpuBoundThread},
 * the countdown polling at every iteration) takes the lock, and under the new GIL the returning
 * I/O thread waits a whole switch interval before it may even ask for it back. The round trip
 * is timed from the take to the drop.
 *
 * <h2>How to read it</h2>
 * {@code Mode.SampleTime}, microseconds per round trip: read the percentiles ({@code p0.50},
 * {@code p0.90}, {@code p0.99}), one distribution per (mode, cpuThreads, switchIntervalMicros).
 * <ul>
 *   <li>{@code cpuThreads=0}: the floor, the peer's delay plus the loopback and the sleep's
 *       granularity: a few hundred microseconds, whatever the mode.</li>
 *   <li>{@code switch}, one CPU-bound thread: a blocking call whose result comes back after
 *       the CPU-bound thread took the lock pays up to one interval to get it back. Here that is
 *       the receive (the peer takes long enough for the CPU-bound thread to be scheduled); the
 *       send returns in microseconds and its re-take usually wins the race, so a round trip
 *       costs about one interval (CPython's echo server pays it on both its recv and its send:
 *       ~100 requests/s at 5 ms). A tenth of the interval costs about a tenth as much.</li>
 *   <li>{@code priority}: the I/O thread, which releases voluntarily, evicts the CPU-bound
 *       holder at once: the round trip stays near the floor plus a hand-off or two.</li>
 *   <li>{@code ticks}: the I/O thread must win a release race every 100 polls of the CPU-bound
 *       thread: erratic, with a long tail.</li>
 *   <li>Two CPU-bound threads: the I/O thread may queue behind both, and the tail grows.</li>
 * </ul>
 *
 * <pre>
 * $ java -jar bench/target/benchmarks.jar ConvoyBenchmark -f 1 -wi 1 -w 1s -i 2 -r 1s
 *   (2026-11-22, 2 cores shared with other builds, load average ~4; round trip, us)
 * cpuThreads  mode      interval    p50     p90     p99
 * 0           switch     5000       225     263     342
 * 1           switch      500       785     857    4654
 * 1           switch     5000      5423    5595   11648
 * 1           priority   5000       215     277     723
 * 1           ticks      5000       228     363    3159
 * 2           switch     5000     18596   30412   39531
 * 2           priority   5000       230     302    4233
 * 2           ticks      5000       850    8021   19561
 * </pre>
 * The convoy: one CPU-bound thread turns a 0.2 ms round trip into one switch interval (5.4 ms
 * at 5 ms, 0.8 ms at 0.5 ms); priority mode keeps it at the floor, up to the tail.
 *
 * <h2>Traps avoided</h2>
 * The I/O thread never holds the lock between invocations: it takes it at the start of each
 * round trip and drops it at the end ({@link AttachedThread}), so it cannot reach JMH's
 * iteration barrier holding the lock. The drop and re-take between two round trips cost
 * nothing measurable: the I/O thread takes the lock straight back, before the CPU-bound thread
 * it woke is scheduled (a free lock goes to whoever asks first, in CPython too). The reply is
 * returned (no dead code); the line sent comes from a field. The CPU-bound threads are not JMH
 * threads: they keep the lock while JMH's thread waits at a barrier, which is harmless because
 * JMH's thread does not need it there. The interpreter, server, connection and CPU-bound
 * threads live for the trial, so that in priority mode the CPU-bound threads have learnt their
 * class during warm-up (every thread starts I/O-bound). Why a peer latency: with an instant
 * echo, the reply often wakes the I/O thread before the CPU-bound thread has been scheduled to
 * take the lock, and the convoy shows only in the tail; a real peer is further away.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ConvoyBenchmark}; smoke:
 * {@code -p cpuThreads=0,1 -p switchIntervalMicros=500 -p mode=switch,priority}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class ConvoyBenchmark {

    /** How long the echo server takes to answer: a round trip on a local network (as in lesson 11). */
    static final Duration PEER_LATENCY = Duration.ofNanos(100_000);

    @Param({"switch", "priority", "ticks"})
    public String mode;

    @Param({"0", "1", "2"})
    public int cpuThreads;

    @Param({"500", "5000"})
    public long switchIntervalMicros;

    /** The line sent: a field, so nothing about the round trip is a constant. */
    private String line = "ping";

    private LoopbackEchoServer server;
    private LoopbackConnection connection;
    private Interpreter interpreter;
    private final List<CpuBoundThread> cpuBound = new ArrayList<>();
    private AttachedThread ioThread;

    @Setup(Level.Trial)
    public void start() throws IOException {
        server = LoopbackEchoServer.start(PEER_LATENCY);
        connection = LoopbackConnection.open(server.address());
        interpreter = Interpreter.create(InterpreterConfig.of(LockMode.fromId(mode))
                .withSwitchIntervalMicros(switchIntervalMicros));
        for (int i = 0; i < cpuThreads; i++) {
            cpuBound.add(CpuBoundThread.start(interpreter));
        }
    }

    /** Attaches the I/O thread (JMH may run each iteration on another thread). */
    @Setup(Level.Iteration)
    public void attach() {
        ioThread = AttachedThread.attach(interpreter);
    }

    @TearDown(Level.Iteration)
    public void detach() {
        ioThread.detach();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        cpuBound.forEach(CpuBoundThread::stop);
        connection.close();
        server.close();
    }

    @Benchmark
    public String roundTrip() throws IOException {
        try (EnsuredRegion _ = ioThread.ensure()) {
            interpreter.blocking(() -> connection.send(line));
            return interpreter.blocking(connection::receiveLine);
        }
    }
}
