package dev.gillab.stdlib;

import dev.gillab.lock.LockMode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One worker JVM of a {@link ProcessPool} and the two pipes to it. Not thread safe: one
 * dispatcher thread of the pool talks to it, one request at a time; only {@link #endInput()}
 * and {@link #stop} may come from another thread, to end it.
 *
 * <p>The worker runs on the same JVM as this one ({@code java.home}), with the same class path
 * ({@code java.class.path}: {@code target/classes} and the dependencies in a build, the shaded
 * jar when installed), so it runs exactly this version of the code. Its stderr goes to a
 * temporary file, quoted when it dies and deleted when it stops.
 */
final class WorkerProcess {

    /** How much of a dead worker's stderr its error quotes. */
    private static final int STDERR_TAIL_CHARS = 2_000;
    private static final int BUFFER_BYTES = 1 << 16;

    private final int index;
    private final Process process;
    private final Path stderr;
    private final DataOutputStream toWorker;
    private final DataInputStream fromWorker;

    private WorkerProcess(int index, Process process, Path stderr) {
        this.index = index;
        this.process = process;
        this.stderr = stderr;
        this.toWorker = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), BUFFER_BYTES));
        this.fromWorker = new DataInputStream(new BufferedInputStream(process.getInputStream(), BUFFER_BYTES));
    }

    /**
     * Starts worker {@code index}, whose interpreter runs a {@code mode} lock; it says hello once
     * it has made {@code warmUpCalls} short calls of each kernel.
     */
    static WorkerProcess launch(int index, LockMode mode, int warmUpCalls) {
        Path stderr = null;
        try {
            stderr = Files.createTempFile("gillab-pool-worker-" + index + "-", ".log");
            Process process = new ProcessBuilder(command(mode, warmUpCalls)).redirectError(stderr.toFile()).start();
            return new WorkerProcess(index, process, stderr);
        } catch (IOException e) {
            deleteQuietly(stderr);
            throw new UncheckedIOException("could not start pool worker " + index + " ("
                    + String.join(" ", command(mode, warmUpCalls))
                    + ")", e);
        }
    }

    /** The worker's command line: this JVM, this class path, the worker's main class. */
    static List<String> command(LockMode mode, int warmUpCalls) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC", // one thread computes: no parallel GC threads competing for the cores
                "-cp", System.getProperty("java.class.path"),
                ProcessPoolWorker.class.getName(), mode.id(), Integer.toString(warmUpCalls));
    }

    long pid() {
        return process.pid();
    }

    int index() {
        return index;
    }

    /**
     * Waits for the worker's hello. Blocks until it comes or the worker dies.
     *
     * @throws WorkerDiedException if the worker ended or said something else first
     */
    void awaitHello() {
        try {
            long pid = PoolProtocol.readHello(fromWorker);
            if (pid != process.pid()) {
                throw new IOException("the hello came from pid " + pid + ", not " + process.pid());
            }
        } catch (IOException e) {
            throw died("starting", e);
        }
    }

    /**
     * Runs {@code task} on the worker and returns its result.
     *
     * @throws WorkerDiedException   if the worker ended, or a pipe broke, before it answered
     * @throws IllegalStateException if the task failed in the worker (with the worker's stack trace)
     */
    <R> PoolResult<R> run(PoolTask<R> task) {
        long start = System.nanoTime();
        PoolProtocol.Reply reply;
        R value;
        PoolProtocol.Request request = PoolProtocol.encode(task);
        try {
            PoolProtocol.write(toWorker, request);
            reply = PoolProtocol.readReply(fromWorker);
            if (reply.status() == PoolProtocol.FAILED) {
                throw new IllegalStateException("worker " + index + " (pid " + pid() + ") failed " + task + ":\n"
                        + reply.failureText());
            }
            value = PoolProtocol.decodeResult(task, reply.payload());
        } catch (IOException e) {
            throw died("running " + task, e);
        }
        return new PoolResult<>(value, index, request.frameBytes(), reply.frameBytes(), System.nanoTime() - start,
                reply.cpuNanos(), reply.computeNanos(), reply.switches(), reply.forcedDrops(), reply.lockWaitNanos());
    }

    /** Closes the worker's stdin: it exits once it has answered the request in hand, if any. */
    void endInput() {
        try {
            toWorker.close();
        } catch (IOException e) {
            // The worker is already gone: nothing left to tell it.
        }
    }

    /**
     * Ends the worker: its stdin closed ({@link #endInput()}), it has until {@code deadlineNanos}
     * ({@link System#nanoTime()}) to exit; then it is killed. Returns once it is gone, and deletes
     * its stderr file.
     */
    void stop(long deadlineNanos) {
        endInput();
        try {
            if (!process.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(stderr);
        }
    }

    /** The error for a worker that stopped answering: how it ended, and its last words. */
    private WorkerDiedException died(String doing, IOException cause) {
        String ending;
        try {
            ending = process.waitFor(2, TimeUnit.SECONDS)
                    ? "exit status " + process.exitValue()
                    : "still running, but its pipe broke (" + cause.getMessage() + "); killed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ending = "unknown exit status (interrupted while waiting for it)";
        }
        process.destroyForcibly();
        return new WorkerDiedException("pool worker " + index + " (pid " + pid() + ") died while " + doing + ": "
                + ending + stderrTail(), cause);
    }

    private String stderrTail() {
        try {
            String text = Files.readString(stderr, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                return "; its stderr is empty";
            }
            String tail = text.length() > STDERR_TAIL_CHARS ? "..." + text.substring(text.length() - STDERR_TAIL_CHARS)
                    : text;
            return "; the end of its stderr:\n" + tail;
        } catch (IOException e) {
            return "; its stderr could not be read (" + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temporary file left behind is not worth failing a close for.
        }
    }
}
