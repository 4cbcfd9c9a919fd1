package dev.gillab.stdlib;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The client end of a line-based TCP connection to a server on the loopback interface, one
 * blocking call per method, so that a lesson can wrap each of them in
 * {@link dev.gillab.lock.Interpreter#blocking} the way CPython releases the lock around each
 * {@code connect()}, {@code send()} and {@code recv()} system call.
 *
 * <p>Only loopback addresses are accepted: the I/O lessons never reach the network. Every
 * connection sets {@code TCP_NODELAY} and bounds its waits ({@link #CONNECT_TIMEOUT},
 * {@link #READ_TIMEOUT}), so a server that stops answering fails the caller instead of
 * hanging it.
 */
public final class LoopbackConnection implements AutoCloseable {

    /** The longest a connect may take. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest a read may wait for data. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private LoopbackConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /**
     * Connects to {@code server}, a loopback address ({@code socket.create_connection}).
     *
     * @throws IllegalArgumentException if the address is unresolved or not a loopback address
     */
    public static LoopbackConnection open(InetSocketAddress server) throws IOException {
        Objects.requireNonNull(server, "server");
        if (server.getAddress() == null || !server.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("only loopback addresses (127.0.0.1) may be used, not " + server);
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            socket.connect(server, (int) CONNECT_TIMEOUT.toMillis());
            return new LoopbackConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends {@code line} and a newline in one write ({@code sock.sendall}); returns the bytes sent.
     *
     * @throws IllegalArgumentException if the line contains a line break
     */
    public int send(String line) throws IOException {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a line must not contain a line break: " + line);
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        out.flush();
        return bytes.length;
    }

    /**
     * Waits for the next line ({@code sock.recv} until a newline) and returns it without the newline.
     *
     * @throws EOFException if the server closed the connection first
     * @throws java.net.SocketTimeoutException if nothing came within {@link #READ_TIMEOUT}
     */
    public String receiveLine() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new EOFException("the server at " + socket.getRemoteSocketAddress() + " closed the connection");
        }
        return line;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
