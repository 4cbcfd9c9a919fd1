package dev.gillab.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoublePredicate;
import java.util.function.DoubleSupplier;

/**
 * For the few checks that need two threads or processes really running at the same moment (a
 * race that only two cores can lose, CPU time over wall time), on a machine shared with
 * others. Such a check cannot hold while other work takes the cores, and no retry makes it
 * hold then. So an attempt counts only if a probe found two free cores just before it and
 * just after it (keep attempts short: a fraction of a second), and a machine that never had
 * them aborts the test as an assumption (skipped, with the probes' figures), as a one-core
 * machine does. A failure therefore means the check failed with two cores free around it.
 */
public final class TwoFreeCores {

    /** Cores two spinning threads must get for the machine to count as having two free. */
    public static final double FREE = 1.6;

    private static final long PROBE_NANOS = 50_000_000;
    private static final long BUSY_PAUSE_MILLIS = 500;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private TwoFreeCores() {
    }

    /**
     * Runs {@code measure} until {@code good} accepts its value, at most {@code attempts}
     * times, each right after a probe found two free cores.
     *
     * @param what what is measured, for the messages
     */
    public static void assertWithinAttempts(String what, int attempts, DoubleSupplier measure, DoublePredicate good) {
        List<String> log = new ArrayList<>();
        boolean measured = false;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            double cores = probe();
            if (cores < FREE) {
                log.add(String.format(Locale.ROOT, "attempt %d: busy machine, two threads got %.2f cores", attempt,
                        cores));
                pause();
                continue;
            }
            double value = measure.getAsDouble();
            if (good.test(value)) {
                return;
            }
            double coresAfter = probe();
            log.add(String.format(Locale.ROOT, "attempt %d: %.2f cores free before, %.2f after, %s = %.3f", attempt,
                    cores,
                    coresAfter, what, value));
            measured |= coresAfter >= FREE;
        }
        assumeThat(measured).as("the machine never stayed with two free cores to measure %s: %s", what, log).isTrue();
        fail(what + " was not as expected in an attempt made with two free cores around it: " + log);
    }

    /** Gives a busy machine a moment before the next probe. */
    private static void pause() {
        try {
            Thread.sleep(BUSY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** CPU time over wall time of two threads spinning for 50 ms: the cores the machine gave them. */
    public static double probe() {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicLong cpu = new AtomicLong();
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            spinners.add(Thread.ofPlatform().start(() -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    return;
                }
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long end = System.nanoTime() + PROBE_NANOS;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                cpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
            }));
        }
        long start = System.nanoTime();
        gate.countDown();
        for (Thread t : spinners) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return (double) cpu.get() / (System.nanoTime() - start);
    }
}
