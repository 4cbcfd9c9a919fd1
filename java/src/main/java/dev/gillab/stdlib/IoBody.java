package dev.gillab.stdlib;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.IntConsumer;

/**
 * The body of a simulated thread that does I/O or waits: like the {@link IntConsumer} that
 * {@link dev.gillab.experiment.ThreadedRun} runs, but allowed to throw the two checked exceptions
 * of blocking calls, so that a lesson can write {@code interpreter.blocking(queue::take)} or
 * {@code interpreter.blocking(connection::receiveLine)} without a try/catch around each.
 *
 * @see #unchecked(IoBody)
 */
@FunctionalInterface
public interface IoBody {

    /** Runs as thread number {@code index}. */
    void run(int index) throws IOException, InterruptedException;

    /**
     * {@code body} as an {@link IntConsumer}: an {@link IOException} is rethrown as an
     * {@link UncheckedIOException}; an {@link InterruptedException} sets the thread's interrupt
     * status again and is rethrown as an {@link IllegalStateException}. Either fails the run.
     */
    static IntConsumer unchecked(IoBody body) {
        return index -> {
            try {
                body.run(index);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while blocked", e);
            }
        };
    }
}
