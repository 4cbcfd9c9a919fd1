package dev.gillab.bench.cli;

import java.time.Duration;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long a benchmark configuration takes, from its settings alone: forks x (start-up +
 * warm-up iterations x iteration time + measurement iterations x iteration time). A
 * single-shot iteration lasts one invocation, whose length JMH cannot know: the suite table
 * gives a measured guess. The start-up figure (a forked JVM, JMH's handshake, loading the
 * native library) was measured on the reference machine.
 */
final class Estimate {

    /** A fork's own cost before its first iteration, measured: about 0.6 s on 2 cores. */
    static final Duration FORK_START = Duration.ofMillis(700);

    private Estimate() {
    }

    /** One iteration: its time, or for a single-shot benchmark one invocation of about {@code singleShot}. */
    static Duration iteration(Mode mode, TimeValue time, Duration singleShot) {
        return mode == Mode.SingleShotTime ? singleShot
                : Duration.ofNanos(time.convertTo(java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    /** One configuration (one parameter combination at one thread count), all its forks included. */
    static Duration configuration(int forks, int warmups, Duration warmup, int measurements, Duration measurement) {
        return FORK_START.plus(warmup.multipliedBy(warmups)).plus(measurement.multipliedBy(measurements))
                .multipliedBy(Math.max(1, forks));
    }

    /** {@code 2 min 05 s}, {@code 45 s}, {@code 1 h 10 min}. */
    static String format(Duration d) {
        long s = Math.round(d.toMillis() / 1000.0);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(java.util.Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(java.util.Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
