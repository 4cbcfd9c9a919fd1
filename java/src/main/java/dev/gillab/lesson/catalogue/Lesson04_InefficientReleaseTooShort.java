package dev.gillab.lesson.catalogue;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.CallLoop;
import dev.gillab.experiment.CallTimer;
import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.experiment.Units;
import dev.gillab.kernel.Kernel;
import dev.gillab.kernel.Kernels;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonChart;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Verdict;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * <h2>Lesson 04: inefficient: releasing around calls too short to pay for it</h2>
 *
 * <p>The problem. Releasing the lock is not free: {@code Py_BEGIN_ALLOW_THREADS} drops it
 * (a mutex, and a condition signal that wakes a waiter if there is one),
 * {@code Py_END_ALLOW_THREADS} takes it back (the mutex again, and a wait if someone else got
 * it). Around a call of ten nanoseconds that costs many times the call. Worse, under
 * contention: every release is an opening for a CPU-bound thread waiting for the lock, and once
 * it has the lock it keeps it until the caller, back from its call, has waited a whole switch
 * interval (5 ms) and asked for it. Held, the caller and the CPU-bound thread take fair turns
 * of one interval each; released, the CPU-bound thread gets in at almost every opening and the
 * caller does the waiting: the convoy effect (bpo-7946), invited once per call.
 *
 * <p>The real-world analogue. An extension that wraps every tiny accessor in
 * {@code Py_BEGIN_ALLOW_THREADS}, or a pybind11 binding with
 * {@code call_guard<gil_scoped_release>} on a getter; ctypes {@code CDLL} calls of trivial C
 * functions in a hot loop. CPython's own modules avoid it: hashlib releases only above
 * {@code HASHLIB_GIL_MINSIZE} (lesson 05), NumPy only above 500 elements.
 *
 * <p>What runs here, on the default binding ({@code ffm}):
 * <ol>
 *   <li>Alone: {@code noop}, {@code add} and {@code sha256} of 64 bytes, each called with the
 *       lock held ({@link KernelsUnderLock#holding}) and with it released around the call
 *       ({@link KernelsUnderLock#releasing}), on one thread, timed by a
 *       {@link CallTimer} (the fastest of many interleaved rounds).</li>
 *   <li>Contended: {@code add} and {@code sha256} of 64 bytes, held and released, called in an
 *       interpreted loop ({@link CallLoop}) for a fixed time, while a second thread runs the
 *       interpreted countdown ({@link KernelsUnderLock#interpreted}), CPU-bound, under the
 *       same lock.</li>
 * </ol>
 *
 * <p>What to observe. Alone, "release cost" is the price of the drop and the take, the same
 * hundred-odd nanoseconds whatever the call: many times {@code add} itself. Contended, the
 * released calls fall far behind the held ones in calls/s, and the wait columns (each thread's
 * time waiting for the lock, as a share of the run) say why: held, both threads wait about
 * equally, taking turns; released, the countdown thread hardly waits at all, while the caller
 * waits for much of the run.
 *
 * <p>Expected: alone, released {@code add} 5x to 30x the held call; contended, released
 * {@code add} at 0.3x of the held calls/s or less: about 0.01x on a quiet machine, where the
 * woken countdown thread is on the other core at once; nearer 0.3x on a busy one.
 *
 * <h2>Measured</h2>
 * <pre>
 * $ ./gillab lesson 04      (2026-11-22; 2 cores, otherwise idle: load average 0.76)
 *
 * run                                 threads  wall ms  speedup  switches  forced drops  lock wait  per call  calls/s    release cost  caller waits  countdown waits
 * ----------------------------------  -------  -------  -------  --------  ------------  ---------  --------  ---------  ------------  ------------  ---------------
 * noop, held                                1     53.6    1.00x         1             0         0%      9 ns  115426746
 * noop, released                            1     50.6    0.38x         1             0         0%     23 ns   44157576         14 ns
 * add, held                                 1     50.3    1.00x         1             0         0%      8 ns  131915581
 * add, released                             1     50.9    0.38x         1             0         0%     20 ns   50711876         12 ns
 * sha256 64 B, held                         1     49.9    1.00x         1             0         0%    635 ns    1574692
 * sha256 64 B, released                     1     51.0    0.96x         1             0         0%    665 ns    1504776         30 ns
 * add, held, + countdown                    2    515.0    1.00x        99            97        49%     71 ns   14089644                         50%              48%
 * add, released, + countdown                2    502.9    0.09x       144            71        43%    790 ns    1266607                         77%               8%
 * sha256 64 B, held, + countdown            2    510.0    1.00x        95            93        47%   1.22 us     822994                         47%              47%
 * sha256 64 B, released, + countdown        2    511.2    0.05x       189            94        48%   25.3 us      39572                         96%               0%
 * =&gt; alone, releasing around add costs 12 ns on top of the 8 ns call (2.6x); against a countdown thread, released add made 1266607 calls/s, held add 14089644 (0.09x): for calls this short, hold the lock (or batch the calls: lesson 08).
 * </pre>
 * <p>Alone, releasing around a call of a few nanoseconds more than doubles it (the release and
 * re-take cost 12 to 14 ns here, against about 0.4 us in CPython, so the same mistake costs
 * CPython far more); beside a CPU-bound thread it is a disaster: every re-take waits for the
 * interpreted thread's slice, and released add made 0.09x, released sha256 of 64 B 0.05x, the
 * calls of the held version.
 *
 * <p>How to run: {@code ./gillab lesson 04} (options: {@code --binding javacpp --switch-interval
 * 1000 --mode free --quick}).
 */
public final class Lesson04_InefficientReleaseTooShort implements Lesson {

    /** The short calls timed alone: the floor of a call, a call with arguments, a small hash. */
    static final List<ShortCall> ALONE = List.of(new ShortCall(Kernel.NOOP, 0), new ShortCall(Kernel.ADD, 0),
            new ShortCall(Kernel.SHA256, 64));

    /** The short calls run against a countdown thread. */
    static final List<ShortCall> CONTENDED = List.of(new ShortCall(Kernel.ADD, 0), new ShortCall(Kernel.SHA256, 64));

    /** One timed batch of calls when alone. */
    static final Duration ROUND = Duration.ofMillis(2);

    /** Untimed calls before the timed rounds, for the JIT: the same at every scale. */
    static final Duration WARM_UP = Duration.ofMillis(300);

    /** Timed rounds per variant at scale 1. */
    static final long ROUNDS = 25;

    /** How long each contended variant calls, at scale 1, in milliseconds. */
    static final long CONTENDED_MILLIS = 500;

    /**
     * The shortest contended run, in milliseconds, at any scale: long enough for dozens of
     * switch intervals, and for the JIT's first compilations to be a small part of it.
     */
    static final long CONTENDED_MIN_MILLIS = 200;

    /** Countdown iterations between two looks at whether the caller has finished: about 0.1 ms. */
    static final long COUNTDOWN_CHUNK = 100_000;

    private static final LessonInfo INFO = new LessonInfo(4, "Releasing around calls too short", Verdict.INEFFICIENT,
            "Py_BEGIN_ALLOW_THREADS around a trivial call; gil_scoped_release on a getter",
            "alone: released add 5x to 30x the held call; contended: released add at 0.3x the held calls/s or less",
            "releasing costs more than a short call, and under contention hands the lock to a busy thread");

    /** A kernel and its size, as a call to repeat. */
    record ShortCall(Kernel kernel, long size) {

        String label() {
            return kernel.takesSize() ? kernel.id() + " " + Units.bytes(size) : kernel.id();
        }

        Runnable on(Kernels kernels) {
            Supplier<Object> call = kernel.prepare(kernels, size, Kernel.DEFAULT_MAX_ITER);
            return call::get;
        }
    }

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        Binding binding = settings.bindingOr(Binding.FFM);
        Kernels nativeKernels = binding.kernels();
        List<Row> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        alone(settings, nativeKernels, rows, metrics);
        Measurement telling = null;
        for (ShortCall call : CONTENDED) {
            double heldNanos = 0;
            for (boolean release : new boolean[] {false, true}) {
                Contended c = contended(settings, nativeKernels, call, release);
                if (!release) {
                    heldNanos = c.nanosPerCall();
                }
                String variant = release ? "released" : "held";
                Row row = Row.of(call.label() + ", " + variant + ", + countdown", c.run(),
                                Math.round(c.run().wallNanos() * heldNanos / c.nanosPerCall()))
                        .with("per call", Units.nanos(c.nanosPerCall()))
                        .with("calls/s", String.format(Locale.ROOT, "%.0f", 1e9 / c.nanosPerCall()))
                        .with("caller waits", percent(c.callerWaitShare()))
                        .with("countdown waits", percent(c.countdownWaitShare()));
                rows.add(row);
                String key = variant + "." + call.kernel().id();
                metrics.put("contended.calls.per.s." + key, 1e9 / c.nanosPerCall());
                metrics.put("contended.caller.wait.share." + key, c.callerWaitShare());
                metrics.put("contended.countdown.wait.share." + key, c.countdownWaitShare());
                metrics.put("contended.calls." + key, (double) c.calls());
                metrics.put("contended.regions." + key, (double) c.caller().counts().releasedRegions());
                if (release && telling == null) {
                    telling = c.run();
                }
                settings.progress().stepDone(row.label());
            }
        }
        return new LessonResult(INFO, rows, conclusion(metrics), metrics, telling.trace()).withChart(chart(metrics));
    }

    /** Part 1: every short call held and released, on one thread with the lock to itself. */
    private static void alone(LessonSettings settings, Kernels nativeKernels, List<Row> rows,
                              Map<String, Double> metrics) {
        Interpreter interpreter = settings.interpreter();
        Kernels held = KernelsUnderLock.holding(interpreter, nativeKernels);
        Kernels released = KernelsUnderLock.releasing(interpreter, nativeKernels);
        List<Runnable> variants = new ArrayList<>();
        for (ShortCall call : ALONE) {
            variants.add(call.on(held));
            variants.add(call.on(released));
        }
        CallTimer timer = new CallTimer(ROUND, (int) settings.scaled(ROUNDS, 10), WARM_UP);
        AtomicReference<List<CallTimer.Timing>> timings = new AtomicReference<>();
        Measurement run = ThreadedRun.run(interpreter, 1, "alone", i -> timings.set(timer.time(variants)));
        for (int c = 0; c < ALONE.size(); c++) {
            ShortCall call = ALONE.get(c);
            CallTimer.Timing h = timings.get().get(2 * c);
            CallTimer.Timing r = timings.get().get(2 * c + 1);
            rows.add(perCall(h.row(call.label() + ", held", run, h.nanosPerCall()), h));
            rows.add(perCall(r.row(call.label() + ", released", run, h.nanosPerCall()), r)
                    .with("release cost", Units.nanos(r.nanosPerCall() - h.nanosPerCall())));
            metrics.put("ns.held." + call.kernel().id(), h.nanosPerCall());
            metrics.put("ns.released." + call.kernel().id(), r.nanosPerCall());
        }
        settings.progress().stepDone("alone");
    }

    /**
     * The cost of one call on one thread, the lock held around it and released: for calls this
     * short the release is a large part of the call.
     */
    private static LessonChart chart(Map<String, Double> metrics) {
        List<LessonChart.Point> bars = new ArrayList<>();
        for (ShortCall call : ALONE) {
            bars.add(LessonChart.bar("lock held", call.label(), metrics.get("ns.held." + call.kernel().id())));
            bars.add(LessonChart.bar("lock released around the call", call.label(),
                    metrics.get("ns.released." + call.kernel().id())));
        }
        return LessonChart.bars("Cost of one short call, alone: lock held against released", "ns per call", bars);
    }

    private static Row perCall(Row row, CallTimer.Timing t) {
        return row.with("per call", Units.nanos(t.nanosPerCall()))
                .with("calls/s", String.format(Locale.ROOT, "%.0f", 1e9 / t.nanosPerCall()));
    }

    /**
     * What one contended variant measured: the run, the caller's calls and time, and the lock
     * figures of the caller and of the countdown thread.
     */
    private record Contended(Measurement run, long calls, long callerNanos, LockStats.ThreadSnapshot caller,
                             LockStats.ThreadSnapshot countdown) {

        double nanosPerCall() {
            return (double) callerNanos / calls;
        }

        /** The share of the run the caller spent waiting for the lock. */
        double callerWaitShare() {
            return (double) caller.counts().waitedNanos() / run.wallNanos();
        }

        /** The share of the run the countdown thread spent waiting for the lock. */
        double countdownWaitShare() {
            return (double) countdown.counts().waitedNanos() / run.wallNanos();
        }
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    /** Part 2: the caller (thread 0) calls for a fixed time while thread 1 counts down, interpreted. */
    private static Contended contended(LessonSettings settings, Kernels nativeKernels, ShortCall call,
                                       boolean release) {
        Interpreter interpreter = settings.interpreter();
        Runnable caller = call.on(release ? KernelsUnderLock.releasing(interpreter, nativeKernels)
                : KernelsUnderLock.holding(interpreter, nativeKernels));
        Kernels interpreted = KernelsUnderLock.interpreted(interpreter);
        long nanos = Duration.ofMillis(settings.scaled(CONTENDED_MILLIS, CONTENDED_MIN_MILLIS)).toNanos();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        AtomicLong callerNanos = new AtomicLong();
        Measurement run = ThreadedRun.run(interpreter, 2, "contended", i -> {
            if (i == 0) {
                long start = System.nanoTime();
                calls.set(CallLoop.repeatFor(interpreter, nanos, caller));
                callerNanos.set(System.nanoTime() - start);
                done.set(true);
            } else {
                while (!done.get()) {
                    interpreted.countdown(COUNTDOWN_CHUNK);
                }
            }
        });
        return new Contended(run, calls.get(), callerNanos.get(), run.stats().thread("contended-0"),
                run.stats().thread("contended-1"));
    }

    /** What the figures say, from {@code add}: its release cost alone, and its calls/s contended. */
    private static String conclusion(Map<String, Double> m) {
        double held = m.get("ns.held.add");
        double released = m.get("ns.released.add");
        double heldRate = m.get("contended.calls.per.s.held.add");
        double releasedRate = m.get("contended.calls.per.s.released.add");
        String alone = String.format(Locale.ROOT, "alone, releasing around add costs %s on top of the %s call "
                + "(%.1fx)", Units.nanos(released - held), Units.nanos(held), released / held);
        String contended = String.format(Locale.ROOT, "against a countdown thread, released add made %.0f calls/s, "
                + "held add %.0f (%.2fx)", releasedRate, heldRate, releasedRate / heldRate);
        String verdict = released > 1.5 * held && releasedRate < heldRate
                ? "for calls this short, hold the lock (or batch the calls: lesson 08)."
                : "here the release is nearly free (is the lock mode 'free'?).";
        return alone + "; " + contended + ": " + verdict;
    }
}
