package dev.gillab.lesson.catalogue;

import static dev.gillab.lesson.Expectation.Needs.ANY_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.IDLE_MACHINE;

import dev.gillab.binding.Binding;
import dev.gillab.binding.Callbacks;
import dev.gillab.experiment.CallbackRun;
import dev.gillab.experiment.MisuseRun;
import dev.gillab.experiment.Row;
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
import dev.gillab.lock.LockMisuseException;
import dev.gillab.lock.LockMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;

/**
 * Lesson 07: a callback from released native code must take the lock back, every time.
 *
 * <p>Native code that runs released and calls back into the interpreter per element (a C parser handing each
 * record to a Python handler) takes and drops the lock per callback; beside a CPU-bound interpreted thread each
 * take waits about a switch interval ({@code take_gil} in {@code Python/ceval_gil.c}; the convoy of bpo-7946).
 * Skipping the take is the classic C-extension crash. Every C callback into Python must run between
 * {@code PyGILState_Ensure()} and {@code PyGILState_Release()} ({@code Python/pystate.c}), as ctypes' thunks do
 * ({@code Modules/_ctypes/callbacks.c}), and pybind11's {@code gil_scoped_acquire} and Cython's {@code with gil:}.
 */
public final class Lesson07_CallbackReacquire implements Lesson {

    /** The callback's interpreted code: one eval-breaker poll (it needs the lock) and a square. */
    static long interpretedCode(Interpreter interpreter, long i) {
        interpreter.poll();
        return i * i;
    }

    /** Right: {@code PyGILState_Ensure}, the interpreted code, {@code PyGILState_Release}. */
    static LongUnaryOperator ensuring(Interpreter interpreter) {
        return i -> {
            try (var _ = interpreter.ensure()) {
                return interpretedCode(interpreter, i);
            }
        };
    }

    /** Broken: interpreted code without the lock. Its first poll raises {@link LockMisuseException}. */
    static LongUnaryOperator withoutEnsure(Interpreter interpreter) {
        return i -> interpretedCode(interpreter, i);
    }

    /** A callback that touches nothing of the interpreter: the cost of the crossing alone. */
    static long bare(long i) {
        return i * i;
    }

    /** The caller releases the lock ({@code Py_BEGIN_ALLOW_THREADS}); C calls {@code fn} {@code count} times. */
    static long callBackReleased(Interpreter interpreter, Callbacks callbacks, long count, LongUnaryOperator fn) {
        return interpreter.callReleased(() -> callbacks.sumOfCallbacks(count, fn));
    }

    static final Metric TAKES = Metric.of("takesPerCallback", "lock takes per ensuring callback", Metric.Unit.NUMBER);
    static final Metric ENSURE_COST = Metric.of("ensureCost", "what ensure adds to a callback", Metric.Unit.NANOS);
    static final Metric WAIT_OVER_INTERVAL = Metric.of("waitOverInterval",
            "an ensure's wait beside a busy thread over the switch interval", Metric.Unit.RATIO);
    static final Metric SUMS_RIGHT = Metric.of("sumsRight", "every run's sum right (1: yes)", Metric.Unit.COUNT);
    static final Metric MISUSE = Metric.of("misuse", "misuse raised LockMisuseException (1: yes)", Metric.Unit.COUNT);
    static final Metric CALLBACKS_BEFORE_STOP = Metric.of("callbacksBeforeStop", "callbacks started without ensure",
            Metric.Unit.COUNT);
    static final Metric STILL_WORKS = Metric.of("stillWorks", "works after the misuse (1: yes)", Metric.Unit.COUNT);

    /** The binding families of part 1, one binding each (pure Java the floor)... */
    static final List<Binding> FAMILIES = List.of(Binding.JAVA, Binding.JNA, Binding.JAVACPP, Binding.FFM);
    /** ...and the switch intervals of part 2, in microseconds, unless one is chosen. */
    static final List<Long> INTERVALS = List.of(5000L, 1000L, 100L);

    static final LessonInfo INFO = new LessonInfo(7, "Callback re-acquire", Verdict.SHOWS,
            "PyGILState_Ensure/Release in every C callback (ctypes CFUNCTYPE, pybind11, Cython with gil)",
            "callbacks from released native code take the lock each time: cheap alone, a switch interval each "
                    + "under contention",
            List.of(Expectation.of(TAKES.at("java"), Band.atLeast(1), ANY_MACHINE),
                    Expectation.of(TAKES.at("jna"), Band.atLeast(1), ANY_MACHINE),
                    Expectation.of(TAKES.at("javacpp"), Band.atLeast(1), ANY_MACHINE),
                    Expectation.of(TAKES.at("ffm"), Band.atLeast(1), ANY_MACHINE),
                    Expectation.of(TAKES.at("busy-5000us"), Band.atLeast(1), ANY_MACHINE),
                    Expectation.of(TAKES.at("busy-100us"), Band.atLeast(1), ANY_MACHINE),
                    Expectation.of(SUMS_RIGHT, Band.exactly(1), ANY_MACHINE),
                    Expectation.of(MISUSE, Band.exactly(1), ANY_MACHINE),
                    Expectation.of(CALLBACKS_BEFORE_STOP, Band.exactly(1), ANY_MACHINE),
                    Expectation.of(STILL_WORKS, Band.exactly(1), ANY_MACHINE),
                    Expectation.of(ENSURE_COST.at("ffm"), Band.atMost(500), IDLE_MACHINE)
                            .cpython("PyGILState_Ensure re-takes the GIL with take_gil (Python/pystate.c); CPython "
                                    + "3.11.7's uncontended release and re-take: 46-71 ns, gillab fidelity scenario 9"),
                    Expectation.of(WAIT_OVER_INTERVAL.at("5000us"), Band.between(0.25, 2), IDLE_MACHINE)
                            .cpython("take_gil waits one interval, then sets gil_drop_request (Python/ceval_gil.c)"),
                    Expectation.of(WAIT_OVER_INTERVAL.at("1000us"), Band.between(0.25, 2), IDLE_MACHINE)));

    /** Callbacks per run alone, at scale 1; each kind runs {@link #REPEATS} times, the fastest counts. */
    static final long CALLBACKS = 100_000;
    static final int REPEATS = 3;
    /** Part 2: each element waits this long in C before calling back (a nanosleep: the next record arriving)... */
    static final long ELEMENT_WAIT_MICROS = 200;
    /** ...and each run lasts about this long at scale 1: callbacks = this / (interval + wait). */
    static final long CONTENDED_RUN_MICROS = 300_000;
    static final long BROKEN_CALLBACKS = 1_000;

    @Override
    public LessonInfo info() {
        return INFO;
    }

    /** Part 1: bare and ensuring callbacks per binding. Part 2: after a C wait, alone and busy. Part 3: broken. */
    @Override
    public LessonResult run(LessonSettings settings) {
        long count = settings.scaled(CALLBACKS, 1_000);
        List<Row> rows = new ArrayList<>();
        Figures figures = new Figures();
        boolean sumsRight = true;
        CallbackRun floor = null, telling = null;
        for (Binding family : FAMILIES) {
            Callbacks cb = family.callbacks();
            CallbackRun bare = CallbackRun.fastestOf(REPEATS,
                    () -> callbackRun(settings, 0, count, cb, in -> Lesson07_CallbackReacquire::bare, false));
            CallbackRun ensured = CallbackRun.fastestOf(REPEATS,
                    () -> callbackRun(settings, 0, count, cb, Lesson07_CallbackReacquire::ensuring, false));
            floor = floor == null ? bare : floor;
            sumsRight &= addRow(rows, cb.name() + ", bare", bare, floor);
            sumsRight &= addRow(rows, cb.name() + ", ensure", ensured, floor);
            figures.put(TAKES.at(cb.name()), ensured.takesPerCallback())
                    .put(ENSURE_COST.at(cb.name()), ensured.nanosPerCallback() - bare.nanosPerCallback());
            settings.progress().stepDone(cb.name());
        }
        Binding chosen = settings.bindingOr(Binding.FFM);
        Callbacks cb = chosen.callbacks();
        var intervals = settings.switchIntervalMicros() == null ? INTERVALS : List.of(settings.switchIntervalMicros());
        long first = intervals.getFirst();
        Function<Interpreter, LongUnaryOperator> ensureAfterWait = afterCWait(chosen, true);
        CallbackRun alone = callbackRun(settings, 0, lengthAt(settings, 0), cb, ensureAfterWait, false);
        sumsRight &= addRow(rows, cb.name() + ", ensure + C wait, alone", alone, floor);
        for (long interval : intervals) {
            CallbackRun busy = callbackRun(settings, interval, lengthAt(settings, interval), cb, ensureAfterWait, true);
            telling = telling == null ? busy : telling;
            sumsRight &= addRow(rows, cb.name() + ", ensure + C wait, busy, " + interval + " us", busy, floor);
            figures.put(TAKES.at("busy-" + interval + "us"), busy.takesPerCallback())
                    .put(WAIT_OVER_INTERVAL.at(interval + "us"), busy.waitPerCallbackNanos() / (interval * 1e3));
            settings.progress().stepDone(interval + " us");
        }
        CallbackRun noWait = callbackRun(settings, first, count / 10, cb, Lesson07_CallbackReacquire::ensuring, true);
        sumsRight &= addRow(rows, cb.name() + ", ensure, no C wait, busy, " + first + " us", noWait, floor);
        var bareBusy = callbackRun(settings, first, lengthAt(settings, 0), cb, afterCWait(chosen, false), true);
        sumsRight &= addRow(rows, cb.name() + ", bare + C wait, busy, " + first + " us", bareBusy, floor);
        var started = new AtomicLong();
        var misuse = broken(settings.interpreter(), cb, started);
        rows.add(misuse.row(cb.name() + ", no ensure (broken)", started.get(), floor.nanosPerCallback()));
        figures.put(SUMS_RIGHT, sumsRight ? 1 : 0).put(MISUSE, misuse.failure() instanceof LockMisuseException ? 1 : 0)
                .put(CALLBACKS_BEFORE_STOP, started.get()).put(STILL_WORKS, misuse.intact() ? 1 : 0);
        settings.progress().stepDone("broken");
        String conclusion = conclusion(cb.name(), figures, alone, telling, first, misuse);
        return new LessonResult(INFO, rows, conclusion, figures, telling.run().trace(), LessonChart.SPEEDUP);
    }

    /** {@code count} callbacks through {@code cb} on a fresh interpreter at {@code interval} us (0: the default). */
    private static CallbackRun callbackRun(LessonSettings settings, long interval, long count, Callbacks cb,
                                           Function<Interpreter, LongUnaryOperator> callback, boolean busy) {
        Interpreter in = interval == 0 ? settings.interpreter() : settings.interpreter(LockMode.SWITCH, interval);
        return CallbackRun.measure(in, count, busy, () -> callBackReleased(in, cb, count, callback.apply(in)));
    }

    /** Part 2's callbacks per run: as many as fit {@link #CONTENDED_RUN_MICROS} at one interval plus the wait each. */
    private static long lengthAt(LessonSettings settings, long intervalMicros) {
        return settings.scaled(CONTENDED_RUN_MICROS / (intervalMicros + ELEMENT_WAIT_MICROS), 10);
    }

    /** A callback that first waits {@link #ELEMENT_WAIT_MICROS} in C, the lock still released, then runs. */
    private static Function<Interpreter, LongUnaryOperator> afterCWait(Binding binding, boolean ensure) {
        var c = binding.kernels();
        LongUnaryOperator cWait = i -> {
            c.sleepMicros(ELEMENT_WAIT_MICROS);
            return i;
        };
        return in -> cWait.andThen(ensure ? ensuring(in) : Lesson07_CallbackReacquire::bare);
    }

    /** Adds {@code run}'s row; returns whether its sum was right. */
    private static boolean addRow(List<Row> rows, String label, CallbackRun run, CallbackRun floor) {
        long expected = expectedSum(run.callbacks());
        rows.add(run.row(label, floor, expected));
        return run.sum() == expected;
    }

    /** The sum every run must return: i*i over i < count, with long wrap-around. */
    static long expectedSum(long count) {
        return LongStream.range(0, count).map(Lesson07_CallbackReacquire::bare).sum();
    }

    /** Part 3: the broken callback, counting in {@code started} the callbacks it began; then the check. */
    static MisuseRun broken(Interpreter interpreter, Callbacks callbacks, AtomicLong started) {
        LongUnaryOperator broken = withoutEnsure(interpreter);
        return MisuseRun.of(interpreter, () -> callBackReleased(interpreter, callbacks, BROKEN_CALLBACKS, n -> {
            started.incrementAndGet();
            return broken.applyAsLong(n);
        }), () -> holdsPollsAndSums(interpreter, callbacks));
    }

    /** The thread holds the lock, runs interpreted code (it polls), and an ensuring pass sums right. */
    private static boolean holdsPollsAndSums(Interpreter interpreter, Callbacks callbacks) {
        return interpreter.holdsLock() && interpretedCode(interpreter, 2) == 4
                && callBackReleased(interpreter, callbacks, BROKEN_CALLBACKS, ensuring(interpreter))
                == expectedSum(BROKEN_CALLBACKS) && interpreter.holdsLock();
    }

    private static String conclusion(String name, Figures figures, CallbackRun alone, CallbackRun busy,
                                     long interval, MisuseRun broken) {
        String misuse = broken.failure() instanceof LockMisuseException
                ? "without ensure the first callback raised LockMisuseException"
                        + (broken.intact() ? " and the interpreter kept working" : " and LEFT THE INTERPRETER BROKEN")
                : "without ensure NO LockMisuseException was raised (" + broken.outcome() + ")";
        return String.format(Locale.ROOT, "taking the lock added %.0f ns to a %s callback alone; with a busy "
                        + "interpreted thread each ensure waited %.0f us on average at a %d us switch interval, so an "
                        + "element with a %d us C wait took %.0f us instead of %.0f us (%.1fx); %s.",
                figures.asMap().get(ENSURE_COST.at(name)), name, busy.waitPerCallbackNanos() / 1e3,
                interval, ELEMENT_WAIT_MICROS, busy.nanosPerCallback() / 1e3,
                alone.nanosPerCallback() / 1e3, busy.nanosPerCallback() / alone.nanosPerCallback(), misuse);
    }

    /*
     * Measured:
     * <output>
     * $ ./gillab lesson 07      (2026-12-08; 2 cores, AMD EPYC; load average 1.96 2.32 3.69 before)
     *
     * run                                    threads  wall ms  speedup  switches  forced drops  lock wait  callbacks  ns/callback  takes/callback  waited/callback  outcome
     * -------------------------------------  -------  -------  -------  --------  ------------  ---------  ---------  -----------  --------------  ---------------  --------------------------------------------------------------------------
     * java, bare                                   1      1.5    0.31x         1             0         2%     100000            5            0.00           0.0 us  sum ok
     * java, ensure                                 1      7.5    0.06x         1             0         0%     100000           62            1.00           0.0 us  sum ok
     * jna, bare                                    1     64.6    0.01x         1             0         0%     100000          637            0.00           0.0 us  sum ok
     * jna, ensure                                  1     60.4    0.01x         1             0         0%     100000          596            1.00           0.0 us  sum ok
     * javacpp, bare                                1     14.1    0.03x         1             0         0%     100000          132            0.00           0.0 us  sum ok
     * javacpp, ensure                              1     19.3    0.02x         1             0         0%     100000          178            1.00           0.0 us  sum ok
     * ffm, bare                                    1      4.2    0.11x         1             0         1%     100000           30            0.00           0.0 us  sum ok
     * ffm, ensure                                  1     15.7    0.03x         1             0         0%     100000          146            1.00           0.0 us  sum ok
     * ffm, ensure + C wait, alone                  1    455.7    0.00x         1             0         0%       1500      302,580            1.00           0.0 us  sum ok
     * ffm, ensure + C wait, busy, 5000 us          2    321.3    0.00x       108            53        46%         57    5,481,880            1.05        5080.8 us  sum ok
     * ffm, ensure + C wait, busy, 1000 us          2    395.7    0.00x       504           251        39%        250    1,561,473            1.01        1231.8 us  sum ok
     * ffm, ensure + C wait, busy, 100 us           2    572.4    0.00x      2011          1010        21%       1000      569,731            1.01         239.8 us  sum ok
     * ffm, ensure, no C wait, busy, 5000 us        2   2459.0    0.00x       912           455        49%      10000      244,795            1.00         242.2 us  sum ok
     * ffm, bare + C wait, busy, 5000 us            2    451.6    0.00x         6             2         2%       1500      293,839            0.00           9.4 us  sum ok
     * ffm, no ensure (broken)                      1      1.7    0.00x         1             0         0%          1                                                LockMisuseException: poll() needs the interpreter lock; interpreter intact
     * => taking the lock added 116 ns to a ffm callback alone; with a busy interpreted thread each ensure waited 5081 us on average at a 5000 us switch interval, so an element with a 200 us C wait took 5482 us instead of 303 us (18.1x); without ensure the first callback raised LockMisuseException and the interpreter kept working.
     *    expectations: 13 of 13 held
     * </output>
     * Alone, ns/callback is the binding's crossing and ensure adds a take and a drop (takes/callback 1.00).
     * Beside a busy thread each ensure waits up to a switch interval (waited/callback). Without the C wait the
     * busy thread never gets the lock: each release wakes it, it finds the lock taken again and starts a fresh
     * interval (as take_gil's loop does), so the cost is low but erratic. The broken row stops after one
     * callback, the exception in its outcome. Speedup compares each run with pure Java making as many bare calls.
     *
     * How to run: ./gillab lesson 07   (options: --binding jna (parts 2, 3), --switch-interval 500, --mode, --quick).
     */
}
