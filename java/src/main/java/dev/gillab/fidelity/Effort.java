package dev.gillab.fidelity;

import java.time.Duration;
import java.util.Locale;

/**
 * How much work each scenario does. Each side calibrates its own workload so that one baseline
 * run (one thread, sequential) lasts about {@code targetSeconds}: CPython's interpreter runs the
 * countdown some 20 times slower than gillab's interpreted Java (which polls the lock at every
 * iteration) and 40 times slower than plain Java, so equal sizes would mean a run of seconds
 * on one side and of a tenth of a second on the other. Figures are then compared as ratios.
 *
 * @param targetSeconds how long one baseline run should last, on each side
 * @param repeats       how many times each measurement is repeated, for a median and a range
 */
public record Effort(double targetSeconds, int repeats) {

    /** About one second per run, five repeats: the whole suite in about six minutes on 2 cores. */
    public static final Effort FULL = new Effort(1.0, 5);
    /** A third of a second per run, three repeats: noisier, a couple of minutes. */
    public static final Effort QUICK = new Effort(0.3, 3);

    public Effort {
        if (!(targetSeconds > 0 && targetSeconds <= 60)) {
            throw new IllegalArgumentException("targetSeconds must be in (0, 60], was " + targetSeconds);
        }
        if (repeats < 1 || repeats > 100) {
            throw new IllegalArgumentException("repeats must be in 1..100, was " + repeats);
        }
    }

    /** {@code full} scaled by the target (full at one second), never below {@code min}. */
    public long scaled(long full, long min) {
        return Math.max(min, Math.round(full * targetSeconds));
    }

    /** The same repeats with another target (a scenario whose baseline is a share of the usual). */
    public Effort withTarget(double seconds) {
        return new Effort(seconds, repeats);
    }

    /** The same target with another number of repeats (a scenario cheap enough to repeat more). */
    public Effort withRepeats(int n) {
        return new Effort(targetSeconds, n);
    }

    /** The longest one CPython script may run before it is stopped. */
    public Duration scriptLimit() {
        return Duration.ofSeconds(Math.round(60 + 120 * targetSeconds * repeats / 5.0));
    }

    /** The target as the scripts take it. */
    String targetArgument() {
        return String.format(Locale.ROOT, "%.4f", targetSeconds);
    }
}
