package dev.gillab.experiment;

import dev.gillab.kernel.Kernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockStats;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * How long an interpreted thread waits for the lock while other threads work: the question a
 * GUI or a server thread asks of the workers beside it. Beside {@code workers} attached threads,
 * one more sleeps {@link #PERIOD} with the lock released ({@code time.sleep}), then runs
 * {@link #BURST} countdown iterations, polling at each, again and again until every worker has
 * finished; its waits for the lock are the answer.
 *
 * @param run   the whole run, the probe's thread counted in its threads
 * @param waits the probe thread's waits for the lock
 */
public record ResponsivenessProbe(Measurement run, LockStats.WaitTimes waits) {

    /** The probe sleeps this long between bursts... */
    public static final Duration PERIOD = Duration.ofMillis(1);
    /** ...of this many countdown iterations (a few microseconds). */
    public static final long BURST = 2_000;

    /** Runs {@code worker} on {@code workers} threads named {@code prefix-i}, with the probe beside them. */
    public static ResponsivenessProbe run(Interpreter interpreter, int workers, String prefix, IntConsumer worker) {
        Kernels interpreted = KernelsUnderLock.interpreted(interpreter);
        AtomicInteger finished = new AtomicInteger();
        Measurement m = ThreadedRun.run(interpreter, workers + 1, prefix, i -> {
            if (i < workers) {
                try {
                    worker.accept(i);
                } finally {
                    finished.incrementAndGet();
                }
                return;
            }
            while (finished.get() < workers) {
                try {
                    interpreter.sleep(PERIOD);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while sleeping", e);
                }
                interpreted.countdown(BURST);
            }
        });
        return new ResponsivenessProbe(m, m.stats().thread(prefix + "-" + workers).waits());
    }
}
