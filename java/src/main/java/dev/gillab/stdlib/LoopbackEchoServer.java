package dev.gillab.stdlib;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP server on 127.0.0.1 that answers every line it receives with the same line, after a
 * fixed delay: the remote service of the I/O lessons, kept on the loopback interface so that
 * nothing leaves the machine and no result depends on a network.
 *
 * <p>It is plain Java, outside any interpreter: it stands for another process, such as the
 * {@code https://httpbin.org/delay/1} of the seeds' fetch example (with a delay) or the echo
 * server of the convoy-effect experiment (without one). It binds an ephemeral port, accepts on
 * one thread and serves each connection on a thread of its own, so the replies to concurrent
 * clients are delayed concurrently, as a real server's are. {@code TCP_NODELAY} is set on every
 * connection: with Nagle's algorithm and delayed acknowledgements a short reply can wait 40 ms.
 *
 * <p>{@link #close()} stops accepting, closes every open connection, interrupts a reply still
 * waiting out its delay, and waits a bounded time for the threads to end.
 *
 * <pre>{@code
 * try (LoopbackEchoServer server = LoopbackEchoServer.start(Duration.ofMillis(250));
 *      LoopbackConnection c = LoopbackConnection.open(server.address())) {
 *     c.send("GET /delay/250");
 *     String reply = c.receiveLine(); // "GET /delay/250", 250 ms later
 * }
 * }</pre>
 */
public final class LoopbackEchoServer implements AutoCloseable {

    /** How long {@link #close()} waits for the server's threads to end. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** 127.0.0.1; {@code ofLiteral} parses it without a name lookup. */
    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    private final ServerSocket listener;
    private final Duration replyDelay;
    private final Thread acceptor;
    /** Guarded by this: open connections and their threads, and whether close() has begun. */
    private final List<Socket> connections = new ArrayList<>();
    private final List<Thread> handlers = new ArrayList<>();
    private boolean closed;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong echoed = new AtomicLong();

    private LoopbackEchoServer(ServerSocket listener, Duration replyDelay) {
        this.listener = listener;
        this.replyDelay = replyDelay;
        this.acceptor = Thread.ofPlatform().daemon().name("loopback-echo-" + listener.getLocalPort() + "-accept")
                .unstarted(this::acceptLoop);
    }

    /**
     * Starts a server on 127.0.0.1 and an ephemeral port that echoes each line after
     * {@code replyDelay} (zero: at once).
     *
     * @throws IllegalArgumentException if the delay is negative
     */
    public static LoopbackEchoServer start(Duration replyDelay) throws IOException {
        Objects.requireNonNull(replyDelay, "replyDelay");
        if (replyDelay.isNegative()) {
            throw new IllegalArgumentException("replyDelay must not be negative, was " + replyDelay);
        }
        ServerSocket listener = new ServerSocket(0, 128, LOOPBACK);
        LoopbackEchoServer server = new LoopbackEchoServer(listener, replyDelay);
        server.acceptor.start();
        return server;
    }

    /** Where to connect: 127.0.0.1 and the port the server bound. */
    public InetSocketAddress address() {
        return new InetSocketAddress(LOOPBACK, listener.getLocalPort());
    }

    public Duration replyDelay() {
        return replyDelay;
    }

    /** Connections accepted so far. */
    public long connectionsAccepted() {
        return accepted.get();
    }

    /** Lines answered so far, counted as each answer is written. */
    public long linesEchoed() {
        return echoed.get();
    }

    private void acceptLoop() {
        int n = 0;
        while (true) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // the listener was closed
            }
            accepted.incrementAndGet();
            Thread handler = Thread.ofPlatform().daemon()
                    .name("loopback-echo-" + listener.getLocalPort() + "-" + n++)
                    .unstarted(() -> serve(socket));
            if (!startServing(socket, handler)) {
                closeQuietly(socket);
                return;
            }
        }
    }

    /** Registers and starts a connection's thread, unless close() has begun. */
    private synchronized boolean startServing(Socket socket, Thread handler) {
        if (closed) {
            return false;
        }
        connections.add(socket);
        handlers.add(handler);
        handler.start();
        return true;
    }

    private synchronized void unregister(Socket socket) {
        connections.remove(socket);
    }

    /** Reads lines until the client closes, answering each after the delay. */
    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                if (replyDelay.isPositive()) {
                    Thread.sleep(replyDelay);
                }
                echoed.incrementAndGet();
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The client went away, or close() closed the socket or cut the delay short.
        } finally {
            unregister(socket);
        }
    }

    /** Stops accepting, closes every connection and waits up to {@link #CLOSE_WAIT} for the threads to end. */
    @Override
    public void close() {
        List<Socket> open;
        List<Thread> threads;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = List.copyOf(connections);
            threads = List.copyOf(handlers);
        }
        closeQuietly(listener);
        open.forEach(LoopbackEchoServer::closeQuietly);
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        List<Thread> all = new ArrayList<>(threads);
        all.add(acceptor);
        for (Thread t : all) {
            try {
                t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing is best effort: the socket is unusable either way
        }
    }

    @Override
    public String toString() {
        return "echo server on " + address() + ", delay " + replyDelay.toMillis() + " ms";
    }
}
