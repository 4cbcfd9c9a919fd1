package dev.gillab.experiment;

import dev.gillab.lock.Interpreter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Short calls timed two ways on one thread that has the interpreter to itself, e.g. with the
 * lock held and with it released around each call. Every variant of every pair is timed in
 * turn by one {@link CallTimer}, so that a slow stretch of the machine hits both ways alike;
 * what the second way adds to a call is the difference of the two timings.
 *
 * @param run    the one-thread run that timed them (its lock columns go into table rows)
 * @param first  the first way's timing of each call, in the order given
 * @param second the second way's timing of each call, in the same order
 */
public record PairedTimings(Measurement run, List<CallTimer.Timing> first, List<CallTimer.Timing> second) {

    public PairedTimings {
        first = List.copyOf(first);
        second = List.copyOf(second);
        if (first.size() != second.size() || first.isEmpty()) {
            throw new IllegalArgumentException("pairs need as many second timings as first ones, at least one, not "
                    + first.size() + " and " + second.size());
        }
    }

    /** Times {@code first.get(i)} against {@code second.get(i)}, every i, on one thread attached to the interpreter. */
    public static PairedTimings time(Interpreter interpreter, CallTimer timer, List<Runnable> first,
                                     List<Runnable> second) {
        if (first.size() != second.size()) {
            throw new IllegalArgumentException("as many second calls as first ones, not " + first.size() + " and "
                    + second.size());
        }
        List<Runnable> variants = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            variants.add(first.get(i));
            variants.add(second.get(i));
        }
        AtomicReference<List<CallTimer.Timing>> timings = new AtomicReference<>();
        Measurement run = ThreadedRun.run(interpreter, 1, "paired", i -> timings.set(timer.time(variants)));
        List<CallTimer.Timing> firsts = new ArrayList<>();
        List<CallTimer.Timing> seconds = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            firsts.add(timings.get().get(2 * i));
            seconds.add(timings.get().get(2 * i + 1));
        }
        return new PairedTimings(run, firsts, seconds);
    }

    /** What the second way adds to call {@code i}, in nanoseconds per call (negative where it measured faster). */
    public double extraNanos(int i) {
        return second.get(i).nanosPerCall() - first.get(i).nanosPerCall();
    }

    /**
     * The median over the pairs of {@link #extraNanos}: what the second way adds to any call,
     * when that does not depend on the call (a drop and a take of the lock do not look at the
     * data). The median, because for long calls the difference is a small difference of large,
     * noisy times, and the short calls, where it is measured well, outvote them.
     */
    public double medianExtraNanos() {
        double[] extra = new double[first.size()];
        for (int i = 0; i < extra.length; i++) {
            extra[i] = extraNanos(i);
        }
        Arrays.sort(extra);
        int mid = extra.length / 2;
        return extra.length % 2 == 1 ? extra[mid] : (extra[mid - 1] + extra[mid]) / 2;
    }
}
