package dev.gillab.fidelity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP echo server on the loopback address only, for one connection: what it reads it writes
 * back, until the client closes. It runs on a plain Java thread, outside any interpreter, as
 * {@code echo.py}'s server runs in a process of its own, outside the measured GIL.
 */
final class EchoServer implements AutoCloseable {

    private final ServerSocket listener;
    private final Thread thread;

    /** Listens on 127.0.0.1 at a free port and serves in the background. */
    EchoServer() {
        try {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on the loopback address", e);
        }
        thread = Thread.ofPlatform().daemon().name("echo-server").start(this::serve);
    }

    /** A client connected to this server, with Nagle's algorithm off. */
    Socket connect() {
        try {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            s.setTcpNoDelay(true);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to the echo server", e);
        }
    }

    private void serve() {
        try (Socket s = listener.accept()) {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the listener was closed, or the client went away: the server's work is over
        }
    }

    /** Stops listening; the served connection ends when its client closes it. */
    @Override
    public void close() {
        try {
            listener.close();
            thread.join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
