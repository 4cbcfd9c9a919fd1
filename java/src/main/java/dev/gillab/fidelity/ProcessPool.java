package dev.gillab.fidelity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The smallest process pool that answers scenario 5: N worker JVMs ({@link PoolWorker}) on the
 * current class path, started once, each given one countdown per {@link #countdowns} call. A
 * worker has an interpreter, and so a lock, of its own: the workers run at the same time, as
 * {@code multiprocessing.Pool} workers do. Tasks and results go through the workers' standard
 * input and output, one line each.
 */
final class ProcessPool implements AutoCloseable {

    private static final long STOP_WAIT_SECONDS = 10;

    private final List<Process> workers = new ArrayList<>();
    private final List<Writer> tasks = new ArrayList<>();
    private final List<BufferedReader> results = new ArrayList<>();

    /** Starts {@code size} worker JVMs. */
    ProcessPool(int size) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), PoolWorker.class.getName());
        try {
            for (int i = 0; i < size; i++) {
                Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                workers.add(p);
                tasks.add(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
                results.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("could not start a pool worker: " + command, e);
        }
    }

    /** Gives worker i the countdown {@code sizes[i]}, all at once, and waits for every result. */
    void countdowns(long... sizes) {
        if (sizes.length != workers.size()) {
            throw new IllegalArgumentException(sizes.length + " tasks for " + workers.size() + " workers");
        }
        try {
            for (int i = 0; i < sizes.length; i++) {
                tasks.get(i).write(sizes[i] + "\n");
                tasks.get(i).flush();
            }
            for (int i = 0; i < sizes.length; i++) {
                if (results.get(i).readLine() == null) {
                    throw new IllegalStateException("pool worker " + i + " exited (exit code "
                            + workers.get(i).waitFor() + "); see its error output above");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("lost contact with a pool worker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the pool worked", e);
        }
    }

    /** Ends the workers: closes their input and waits; stops any that does not end. */
    @Override
    public void close() {
        for (Writer w : tasks) {
            try {
                w.close();
            } catch (IOException e) {
                // the worker is gone already: nothing to tell it
            }
        }
        for (Process p : workers) {
            try {
                if (!p.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
