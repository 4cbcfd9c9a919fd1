package dev.gillab.lesson.catalogue;

import static dev.gillab.lesson.Expectation.Needs.ANY_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.IDLE_MACHINE;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.BesideACountdown;
import dev.gillab.experiment.CallLoop;
import dev.gillab.experiment.CallTimer;
import dev.gillab.experiment.PairedTimings;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.Units;
import dev.gillab.kernel.Kernel;
import dev.gillab.kernel.Kernels;
import dev.gillab.lesson.Band;
import dev.gillab.lesson.Expectation;
import dev.gillab.lesson.Figures;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonChart;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Metric;
import dev.gillab.lesson.Verdict;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.ReleasedRegion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Lesson 04: inefficient: releasing the lock around a call too short to pay for it.
 *
 * <p>A release is a drop of the lock and a take on the way back. Alone, around a call of ten
 * nanoseconds, that is more than the call. Beside a CPU-bound thread it is worse: every drop is
 * an opening for the waiting thread, which takes the lock and keeps it until this caller, back
 * from its call, has waited a switch interval (5 ms) and asked for it. Held, the two threads
 * take fair turns; released, the caller does the waiting: the convoy effect (bpo-7946), invited
 * once per call. CPython's own modules release only for long calls: hashlib from
 * {@code HASHLIB_GIL_MINSIZE} bytes (lesson 05). CPython's uncontended release and re-take costs
 * tens of nanoseconds, as gillab's does: with CPython 3.11.7 on a 2-core AMD EPYC, 2026-12-07, a
 * ctypes {@code CDLL} no-op took about 35 ns more than the same call through {@code PyDLL}, and
 * a call with two arguments 52 ns more; {@code gillab fidelity} scenario 9 (a 2048-byte against a
 * 2047-byte {@code hashlib.sha256}) measured medians of 37 and 71 ns in its two idle runs.
 */
public final class Lesson04_InefficientReleaseTooShort implements Lesson {

    /**
     * Inefficient: the lock dropped before a call of a few nanoseconds and taken back after it
     * ({@code Py_BEGIN_ALLOW_THREADS} around a getter; pybind11's {@code gil_scoped_release} on
     * one). The drop signals a waiting thread, if any; the take waits for the lock if that
     * thread took it.
     */
    static Object callReleased(Interpreter interpreter, Supplier<Object> shortCall) {
        try (ReleasedRegion _ = interpreter.release()) {
            return shortCall.get();
        }
    }

    /**
     * Right for a call this short: keep the lock. The interpreted loop around the calls polls it
     * between them ({@link CallLoop}), so a waiting thread still gets it at the switch interval.
     */
    static Object callHeld(Supplier<Object> shortCall) {
        return shortCall.get();
    }

    static final Metric HELD = Metric.of("held", "ns per call alone, lock held", Metric.Unit.NANOS);
    static final Metric RELEASED = Metric.of("released", "ns per call alone, lock released", Metric.Unit.NANOS);
    static final Metric RELEASED_OVER_HELD = Metric.of("releasedOverHeld", "released call over held call, alone",
            Metric.Unit.RATIO);
    static final Metric RELEASE_COST = Metric.of("releaseCost", "released minus held, alone", Metric.Unit.NANOS);
    static final Metric CALLS_PER_SECOND = Metric.of("callsPerSecond", "calls/s beside a countdown",
            Metric.Unit.NUMBER);
    static final Metric RELEASED_RATE = Metric.of("releasedRate",
            "released calls/s over held calls/s, beside a countdown", Metric.Unit.RATIO);
    static final Metric CALLER_WAITS = Metric.of("callerWaits", "caller's share of the run waiting for the lock",
            Metric.Unit.SHARE);
    static final Metric COUNTDOWN_WAITS = Metric.of("countdownWaits",
            "countdown thread's share of the run waiting for the lock", Metric.Unit.SHARE);
    static final Metric REGIONS_PER_CALL = Metric.of("regionsPerCall", "released regions the caller opened per call",
            Metric.Unit.NUMBER);
    static final Metric UNFORCED_SWITCHES = Metric.of("unforcedSwitches",
            "switches minus forced drops, beside a countdown", Metric.Unit.COUNT);

    static final LessonInfo INFO = new LessonInfo(4, "Releasing around calls too short", Verdict.INEFFICIENT,
            "Py_BEGIN_ALLOW_THREADS around a trivial call; gil_scoped_release on a getter",
            "releasing costs more than a short call, and under contention hands the lock to a busy thread",
            List.of(Expectation.of(RELEASED_OVER_HELD.at("noop"), Band.above(2), ANY_MACHINE),
                    Expectation.of(RELEASED_OVER_HELD.at("add"), Band.above(2), ANY_MACHINE),
                    Expectation.of(RELEASE_COST.at("add"), Band.atMost(100), IDLE_MACHINE)
                            .cpython("CPython 3.11.7: 35 ns (ctypes CDLL against PyDLL, a no-op), 52 ns (two "
                                    + "arguments); 37 to 71 ns, gillab fidelity scenario 9"),
                    Expectation.of(REGIONS_PER_CALL.at("add").at("held"), Band.exactly(0), ANY_MACHINE),
                    Expectation.of(REGIONS_PER_CALL.at("add").at("released"), Band.exactly(1), ANY_MACHINE),
                    Expectation.of(REGIONS_PER_CALL.at("sha256").at("held"), Band.exactly(0), ANY_MACHINE),
                    Expectation.of(REGIONS_PER_CALL.at("sha256").at("released"), Band.exactly(1), ANY_MACHINE),
                    Expectation.of(UNFORCED_SWITCHES.at("add").at("held"), Band.atMost(2), ANY_MACHINE),
                    Expectation.of(UNFORCED_SWITCHES.at("add").at("released"), Band.above(2), ANY_MACHINE),
                    Expectation.of(UNFORCED_SWITCHES.at("sha256").at("held"), Band.atMost(2), ANY_MACHINE),
                    Expectation.of(UNFORCED_SWITCHES.at("sha256").at("released"), Band.above(2), ANY_MACHINE),
                    Expectation.of(RELEASED_RATE.at("add"), Band.atMost(0.3), IDLE_MACHINE)));

    /** A kernel and its size: one short native call, made held or released. */
    record ShortCall(Kernel kernel, long size) {

        String label() {
            return kernel.takesSize() ? kernel.id() + " " + Units.bytes(size) : kernel.id();
        }

        Runnable made(boolean released, Interpreter interpreter, Kernels nativeKernels) {
            Supplier<Object> call = kernel.prepare(nativeKernels, size, Kernel.DEFAULT_MAX_ITER);
            return released ? () -> callReleased(interpreter, call) : () -> callHeld(call);
        }
    }

    /** The short calls timed alone: the floor of a call, a call with arguments, a small hash. */
    static final List<ShortCall> ALONE = List.of(new ShortCall(Kernel.NOOP, 0), new ShortCall(Kernel.ADD, 0),
            new ShortCall(Kernel.SHA256, 64));

    /** The short calls made beside a countdown thread. */
    static final List<ShortCall> CONTENDED = List.of(new ShortCall(Kernel.ADD, 0), new ShortCall(Kernel.SHA256, 64));

    /** Timing alone: one timed batch, timed rounds per call at scale 1, and an untimed warm-up for the JIT. */
    static final Duration ROUND = Duration.ofMillis(2);
    static final long ROUNDS = 25;
    static final Duration WARM_UP = Duration.ofMillis(300);

    /** How long each contended variant calls, in ms: at scale 1, and at least (dozens of switch intervals). */
    static final long CONTENDED_MILLIS = 500;
    static final long CONTENDED_MIN_MILLIS = 200;

    @Override
    public LessonInfo info() {
        return INFO;
    }

    /** Each short call held and released: alone on one thread, then beside an interpreted countdown. */
    @Override
    public LessonResult run(LessonSettings settings) {
        Kernels nativeKernels = settings.bindingOr(Binding.FFM).kernels();
        List<Row> rows = new ArrayList<>();
        Figures figures = new Figures();
        LessonChart chart = alone(settings, nativeKernels, rows, figures);
        BesideACountdown telling = null;
        for (ShortCall call : CONTENDED) {
            double heldRate = 0;
            for (boolean release : new boolean[] {false, true}) {
                Interpreter interpreter = settings.interpreter();
                Runnable made = call.made(release, interpreter, nativeKernels);
                long nanos = Duration.ofMillis(settings.scaled(CONTENDED_MILLIS, CONTENDED_MIN_MILLIS)).toNanos();
                BesideACountdown c = BesideACountdown.run(interpreter, "contended",
                        () -> CallLoop.repeatFor(interpreter, nanos, made));
                double rate = 1e9 / c.nanosPerCall();
                heldRate = release ? heldRate : rate;
                Row row = contendedRow(call.label() + (release ? ", released" : ", held"), c, rate / heldRate);
                rows.add(row);
                String id = call.kernel().id();
                String variant = release ? "released" : "held";
                figures.put(CALLS_PER_SECOND.at(id).at(variant), rate)
                        .put(CALLER_WAITS.at(id).at(variant), c.callerWaitShare())
                        .put(COUNTDOWN_WAITS.at(id).at(variant), c.countdownWaitShare())
                        .put(REGIONS_PER_CALL.at(id).at(variant), c.regionsPerCall())
                        .put(UNFORCED_SWITCHES.at(id).at(variant), row.switches() - row.forcedDrops());
                if (release) {
                    figures.put(RELEASED_RATE.at(id), rate / heldRate);
                    telling = telling == null ? c : telling;
                }
                settings.progress().stepDone(row.label());
            }
        }
        return new LessonResult(INFO, rows, conclusion(figures.asMap()), figures, telling.run().trace(), chart);
    }

    /** Part 1: every short call held and released, timed in turns on one thread with the lock to itself. */
    private static LessonChart alone(LessonSettings settings, Kernels nativeKernels, List<Row> rows, Figures figures) {
        Interpreter interpreter = settings.interpreter();
        CallTimer timer = new CallTimer(ROUND, (int) settings.scaled(ROUNDS, 10), WARM_UP);
        PairedTimings timings = PairedTimings.time(interpreter, timer,
                ALONE.stream().map(c -> c.made(false, interpreter, nativeKernels)).toList(),
                ALONE.stream().map(c -> c.made(true, interpreter, nativeKernels)).toList());
        List<LessonChart.Point> bars = new ArrayList<>();
        for (int i = 0; i < ALONE.size(); i++) {
            String id = ALONE.get(i).kernel().id();
            CallTimer.Timing held = timings.first().get(i);
            CallTimer.Timing released = timings.second().get(i);
            rows.add(perCall(held.row(ALONE.get(i).label() + ", held", timings.run(), held.nanosPerCall()),
                    held.nanosPerCall()));
            rows.add(perCall(released.row(ALONE.get(i).label() + ", released", timings.run(), held.nanosPerCall()),
                    released.nanosPerCall()).with("release cost", Units.nanos(timings.extraNanos(i))));
            figures.put(HELD.at(id), held.nanosPerCall()).put(RELEASED.at(id), released.nanosPerCall())
                    .put(RELEASED_OVER_HELD.at(id), released.nanosPerCall() / held.nanosPerCall())
                    .put(RELEASE_COST.at(id), timings.extraNanos(i));
            bars.add(LessonChart.bar("lock held", ALONE.get(i).label(), held.nanosPerCall()));
            bars.add(LessonChart.bar("lock released around the call", ALONE.get(i).label(), released.nanosPerCall()));
        }
        settings.progress().stepDone("alone");
        return LessonChart.bars("Cost of one short call, alone: lock held against released", "ns per call", bars);
    }

    /** A variant beside the countdown as a row, its speedup the ratio of its calls/s to the held variant's. */
    private static Row contendedRow(String label, BesideACountdown c, double speedup) {
        return Row.of(label + ", + countdown", c.run(), Math.round(c.run().wallNanos() * speedup))
                .with("per call", Units.nanos(c.nanosPerCall()))
                .with("calls/s", String.format(Locale.ROOT, "%.0f", 1e9 / c.nanosPerCall()))
                .with("caller waits", CALLER_WAITS.format(c.callerWaitShare()))
                .with("countdown waits", COUNTDOWN_WAITS.format(c.countdownWaitShare()));
    }

    private static Row perCall(Row row, double nanosPerCall) {
        return row.with("per call", Units.nanos(nanosPerCall))
                .with("calls/s", String.format(Locale.ROOT, "%.0f", 1e9 / nanosPerCall));
    }

    /** What the figures say, from {@code add}: its release cost alone, and its calls/s contended. */
    private static String conclusion(Map<Metric, Double> figures) {
        double held = figures.get(HELD.at("add"));
        double released = figures.get(RELEASED.at("add"));
        double rate = figures.get(RELEASED_RATE.at("add"));
        String verdict = released > 1.5 * held && rate < 1
                ? "for calls this short, hold the lock (or batch the calls: lesson 08)."
                : "here the release is nearly free (is the lock mode 'free'?).";
        return String.format(Locale.ROOT, "alone, releasing around add costs %s on top of the %s call (%.1fx); "
                + "against a countdown thread, released add made %.0f calls/s, held add %.0f (%.2fx): %s",
                Units.nanos(released - held), Units.nanos(held), released / held,
                figures.get(CALLS_PER_SECOND.at("add").at("released")),
                figures.get(CALLS_PER_SECOND.at("add").at("held")), rate, verdict);
    }

    /*
     * Measured:
     * <output>
     * $ ./gillab lesson 04      (2026-12-08; 2 cores, AMD EPYC; load average 1.41 2.36 3.83 before)
     *
     * run                                 threads  wall ms  speedup  switches  forced drops  lock wait  per call  calls/s    release cost  caller waits  countdown waits
     * ----------------------------------  -------  -------  -------  --------  ------------  ---------  --------  ---------  ------------  ------------  ---------------
     * noop, held                                1     51.8    1.00x         1             0         0%   10.3 ns   97365023
     * noop, released                            1     52.2    0.36x         1             0         0%   28.5 ns   35071774       18.2 ns
     * add, held                                 1     52.0    1.00x         1             0         0%   9.41 ns  106220639
     * add, released                             1     52.6    0.35x         1             0         0%   26.9 ns   37222146       17.5 ns
     * sha256 64 B, held                         1     54.7    1.00x         1             0         0%    930 ns    1075532
     * sha256 64 B, released                     1     54.8    0.97x         1             0         0%    957 ns    1044891       27.3 ns
     * add, held, + countdown                    2    513.9    1.00x        93            91        49%   97.6 ns   10247751                         50%              48%
     * add, released, + countdown                2    502.6    0.13x       138            68        41%    742 ns    1346879                         75%               7%
     * sha256 64 B, held, + countdown            2    504.3    1.00x        90            88        47%   1.32 us     757173                         46%              47%
     * sha256 64 B, released, + countdown        2    510.1    0.08x       169            84        43%   15.6 us      63942                         86%               0%
     * => alone, releasing around add costs 17.5 ns on top of the 9.41 ns call (2.9x); against a countdown thread, released add made 1346879 calls/s, held add 10247751 (0.13x): for calls this short, hold the lock (or batch the calls: lesson 08).
     *    expectations: 12 of 12 held
     * </output>
     * Alone, "release cost" is the drop and the take, the same few nanoseconds whatever the call:
     * more than noop or add themselves, a few percent of the 64-byte hash. Beside the countdown,
     * the released calls fall far behind the held ones in calls/s, and the wait columns say why:
     * held, both threads wait about equally, taking turns; released, the countdown thread hardly
     * waits at all, while the caller waits for most of the run. Held, almost every switch is a
     * forced drop; released, the caller hands the lock over at its releases without being forced.
     * CPython's release costs tens of nanoseconds too (fidelity scenario 9), a little more than
     * gillab's: the same mistake costs it about as much alone, and the same under contention,
     * where the switch interval, not the release, sets the caller's wait.
     *
     * How to run: ./gillab lesson 04   (options: --binding javacpp --switch-interval 1000;
     * --mode free shows the release nearly free).
     */
}
