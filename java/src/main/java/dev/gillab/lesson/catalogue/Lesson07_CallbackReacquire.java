package dev.gillab.lesson.catalogue;

import dev.gillab.binding.Binding;
import dev.gillab.binding.Callbacks;
import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.kernel.Kernels;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Verdict;
import dev.gillab.lock.EnsuredRegion;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMisuseException;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.LockStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

/**
 * <h2>Lesson 07: a callback from released native code must take the lock back, every time</h2>
 *
 * <p>The problem. Native code that runs with the lock released and calls back into the
 * interpreter for every element (a C library handing each record it reads to a Python
 * handler, a sort with a Python comparator) is released only between callbacks: each callback
 * must take the lock before it runs any interpreted code and give it back afterwards. Alone,
 * that costs a take and a drop per element. With a CPU-bound interpreted thread running, the
 * lock is that thread's as soon as the callback thread is away in C for a while, and it gives
 * it up only when asked, which a waiter does only after one switch interval: each callback
 * then waits about one interval, 5 ms by default, tens of thousands of times the take itself.
 * This is the convoy effect of bpo-7946, one callback at a time. A callback that skips the
 * take and touches the interpreter anyway is the classic crash of C extensions.
 *
 * <p>The real-world analogue. {@code PyGILState_Ensure()} / {@code PyGILState_Release()} at
 * the top and bottom of every C callback that calls Python (what ctypes' {@code CFUNCTYPE}
 * wrappers, pybind11's {@code gil_scoped_acquire} and Cython's {@code with gil:} do), inside a
 * {@code Py_BEGIN_ALLOW_THREADS} region; and the crash of forgetting it.
 *
 * <p>What runs here. C's {@code gillab_sum_of_callbacks} calls a Java function for every
 * element through a binding's {@link Callbacks}, while the calling thread has released the
 * lock ({@link Interpreter#callReleased}). The correct callback opens
 * {@link Interpreter#ensure()}, runs its interpreted code (one eval-breaker poll and a
 * multiplication) and closes the region; a bare one touches nothing of the interpreter.
 * <ol>
 *   <li>Uncontended, for each binding family (pure Java as the floor, JNA, JavaCPP, FFM): bare,
 *       then correct, each the fastest of {@value #REPEATS} runs. The difference is the cost of
 *       a take and a drop.</li>
 *   <li>Contended, with the {@code --binding} (FFM by default): each element first waits
 *       {@value #ELEMENT_WAIT_MICROS} us in C (a nanosleep with the lock still released: the
 *       next record arriving), then calls back; alone, then with a second thread running an
 *       interpreted countdown, at switch intervals of 5 ms, 1 ms and 100 us (or the
 *       {@code --switch-interval} given). Two contrasts at the first interval: the correct
 *       callback with no C wait between callbacks (a tenth as many), and the bare callback
 *       with the wait.</li>
 *   <li>Broken: a callback that runs its interpreted code without {@code ensure()}. Its first
 *       poll raises {@link LockMisuseException}, the binding's guard stops the C loop, the
 *       exception comes out of the native call, and the interpreter is checked to work
 *       afterwards: the thread holds the lock again, polls, and a correct pass sums right.</li>
 * </ol>
 *
 * <p>What to observe. "ns/callback": tens of nanoseconds for an FFM upcall, hundreds for
 * JavaCPP, a microsecond or more for JNA, and about a hundred more for the ensure.
 * "waited/callback" under contention: about one switch interval per callback, so the interval
 * sets the price of every element. Without the C wait the callback thread is never away long
 * enough for the busy thread to take the lock: each release wakes the busy thread, which finds
 * the lock taken again and starts a fresh interval (CPython's {@code take_gil} loop does the
 * same), so its request comes late and rarely, and the cost per callback is low but erratic.
 * The bare callback needs no lock and runs as if alone.
 * "takes/callback" shows every correct callback took the lock. The broken row stops after one
 * callback, with the exception named in the outcome column. (The speedup column compares
 * each run with the pure-Java loop making as many bare calls.)
 *
 * <p>Expected: ensure adds 0.1 to 0.5 us per callback alone; with a busy interpreted thread
 * each ensure waits about one switch interval (5 ms, 1 ms, 0.1 ms); the broken callback
 * raises LockMisuseException on its first element.
 *
 * <h2>Measured</h2>
 * <pre>
 * $ ./gillab lesson 07      (2026-11-22; 2 cores, shared with other builds: load average 3.4)
 *
 * run                                    threads  wall ms  speedup  switches  forced drops  lock wait  callbacks  ns/callback  takes/callback  waited/callback  outcome
 * -------------------------------------  -------  -------  -------  --------  ------------  ---------  ---------  -----------  --------------  ---------------  --------------------------------------------------------------------------
 * java, bare                                   1      0.5    0.69x         1             0         0%     100000            4            0.00           0.0 us  sum ok
 * java, ensure                                 1     30.8    0.01x         1             0        39%     100000          290            1.00           0.1 us  sum ok
 * jna, bare                                    1     83.6    0.00x         1             0         0%     100000          723            0.00           0.0 us  sum ok
 * jna, ensure                                  1     93.6    0.00x         1             0         4%     100000          933            1.00           0.0 us  sum ok
 * javacpp, bare                                1     27.8    0.01x         1             0         0%     100000          258            0.00           0.0 us  sum ok
 * javacpp, ensure                              1     30.1    0.01x         1             0        13%     100000          298            1.00           0.0 us  sum ok
 * ffm, bare                                    1      3.2    0.12x         1             0         0%     100000           28            0.00           0.0 us  sum ok
 * ffm, ensure                                  1     26.5    0.01x         1             0        21%     100000          259            1.00           0.1 us  sum ok
 * ffm, ensure + C wait, alone                  1    461.5    0.00x         1             0         0%       1500      307,423            1.00           0.1 us  sum ok
 * ffm, ensure + C wait, busy, 5000 us          2    167.8    0.00x        42            20        35%         57    2,322,912            1.05        1992.7 us  sum ok
 * ffm, ensure + C wait, busy, 1000 us          2    314.2    0.00x       340           169        37%        250    1,220,638            1.01         914.0 us  sum ok
 * ffm, ensure + C wait, busy, 100 us           2    451.6    0.00x      1082           541        17%       1000      448,795            1.00         148.6 us  sum ok
 * ffm, ensure, no C wait, busy, 5000 us        2     54.1    0.00x         8             3        22%      10000        4,023            1.00           2.4 us  sum ok
 * ffm, bare + C wait, busy, 5000 us            2    473.8    0.00x         7             3         2%       1500      300,472            0.00          15.0 us  sum ok
 * ffm, no ensure (broken)                      1      3.7    0.00x         1             0         1%          1                                                LockMisuseException: poll() needs the interpreter lock; interpreter intact
 * =&gt; taking the lock added 231 ns to a ffm callback alone; with a busy interpreted thread each ensure waited 1993 us on average at a 5000 us switch interval and 149 us at 100 us, so an element with a 200 us C wait took 2323 us instead of 307 us (7.6x); without ensure the first callback raised LockMisuseException and the interpreter kept working.
 * </pre>
 * <p>Alone, a callback cost 28 ns through FFM, about 260 ns through JavaCPP and 0.7 to 1.7 us
 * through JNA, and the ensure added 0.12 to 0.23 us to an FFM callback over five runs that
 * hour. With a busy interpreted thread each ensure waited up to one switch interval, as
 * predicted: 2.0, 0.9 and 0.15 ms here at 5, 1 and 0.1 ms, and 4.6 to 5.5, 1.1 to 1.5 and 0.21
 * to 0.53 ms in the four other runs (less than an interval when, on the loaded machine, the busy
 * thread had not yet been scheduled to take the lock by the time the callback came back);
 * without the C wait the cost was erratic, 1.4 to 64 us per callback across the five runs.
 *
 * <p>How to run: {@code ./gillab lesson 07} (options: {@code --binding javacpp} for part 2,
 * {@code --switch-interval 500}, {@code --mode}, {@code --quick}).
 */
public final class Lesson07_CallbackReacquire implements Lesson {

    /** Callbacks per uncontended run, at scale 1. */
    static final long CALLBACKS = 100_000;

    /**
     * Part 1 keeps the fastest of this many runs of each kind, as {@code timeit} reports the
     * best of its repeats: on a shared machine the slower runs measure the neighbours.
     */
    static final int REPEATS = 3;

    /** Callbacks of each kind run, unmeasured, before part 1, at scale 1. */
    static final long WARM_UP_CALLBACKS = 50_000;

    /** The binding families of part 1, one binding each. */
    static final List<Binding> FAMILIES = List.of(Binding.JAVA, Binding.JNA, Binding.JAVACPP, Binding.FFM);

    /** Switch intervals of part 2, in microseconds, unless one is chosen. */
    static final List<Long> INTERVALS = List.of(5000L, 1000L, 100L);

    /** Each run of part 2 lasts about this long at scale 1: callbacks = this / (interval + wait). */
    static final long CONTENDED_RUN_MICROS = 300_000;

    /** What each element of part 2 waits for in C before calling back (a nanosleep: the next record arriving). */
    static final long ELEMENT_WAIT_MICROS = 200;

    /** Countdown iterations per call of the busy interpreted thread (it polls at every one). */
    static final long BUSY_SLICE = 100_000;

    /** Callbacks of the broken variant, and of the check that follows it. */
    static final long BROKEN_CALLBACKS = 1_000;

    private static final LessonInfo INFO = new LessonInfo(7, "Callback re-acquire", Verdict.SHOWS,
            "PyGILState_Ensure/Release in every C callback (ctypes CFUNCTYPE, pybind11 gil_scoped_acquire, Cython with gil)",
            "ensure adds 0.1-0.5 us per callback alone; waits about one switch interval each with a busy "
                    + "thread; without ensure: LockMisuseException on the first callback",
            "callbacks from released native code take the lock each time: cheap alone, a switch interval each under contention");

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        long callbacks = settings.scaled(CALLBACKS, 1_000);
        List<Row> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        boolean sumsCorrect = true;

        // Part 1: uncontended, per binding family.
        List<Callbacks> families = FAMILIES.stream().map(Binding::callbacks).toList();
        families.forEach(cb -> warmUp(settings, cb));
        Run floor = null;
        for (Callbacks cb : families) {
            Run bare = fastestAlone(settings, cb, Shape.BARE, callbacks);
            Run ensured = fastestAlone(settings, cb, Shape.ENSURE, callbacks);
            if (floor == null) {
                floor = bare;
            }
            rows.add(bare.row(cb.name() + ", bare", floor));
            rows.add(ensured.row(cb.name() + ", ensure", floor));
            sumsCorrect &= bare.sumCorrect() && ensured.sumCorrect();
            metrics.put("nsPerCallback." + cb.name() + ".bare", bare.nanosPerCallback());
            metrics.put("nsPerCallback." + cb.name() + ".ensure", ensured.nanosPerCallback());
            metrics.put("ensureNs." + cb.name(), ensured.nanosPerCallback() - bare.nanosPerCallback());
            metrics.put("lockTakesPerCallback." + cb.name(), ensured.takesPerCallback());
            settings.progress().stepDone(cb.name());
        }

        // Part 2: a busy interpreted thread, at each switch interval.
        Binding chosenBinding = settings.bindingOr(Binding.FFM);
        Callbacks chosen = chosenBinding.callbacks();
        Kernels cWait = chosenBinding.kernels();
        List<Long> intervals = settings.switchIntervalMicros() == null ? INTERVALS : List.of(settings.switchIntervalMicros());
        long first = intervals.getFirst();
        String name = chosen.name();
        Shape ensureWithWait = new Shape(true, cWait);
        Run alone = measure(settings.interpreter(), chosen, ensureWithWait, runLength(settings, 0), false);
        rows.add(alone.row(name + ", ensure + C wait, alone", floor));
        metrics.put("nsPerCallback.alone.wait", alone.nanosPerCallback());
        Run telling = null;
        List<Run> part2 = new ArrayList<>(List.of(alone));
        for (long interval : intervals) {
            Run r = measure(settings.interpreter(LockMode.SWITCH, interval), chosen, ensureWithWait,
                    runLength(settings, interval), true);
            if (telling == null) {
                telling = r;
            }
            part2.add(r);
            rows.add(r.row(name + ", ensure + C wait, busy, " + interval + " us", floor));
            metrics.put("nsPerCallback.contended." + interval, r.nanosPerCallback());
            metrics.put("lockTakesPerCallback.contended." + interval, r.takesPerCallback());
            metrics.put("waitPerCallbackMicros.contended." + interval, r.waitPerCallbackNanos() / 1e3);
            settings.progress().stepDone(interval + " us");
        }
        Run noWait = measure(settings.interpreter(LockMode.SWITCH, first), chosen, Shape.ENSURE,
                Math.max(10, callbacks / 10), true);
        rows.add(noWait.row(name + ", ensure, no C wait, busy, " + first + " us", floor));
        metrics.put("nsPerCallback.contended.noWait", noWait.nanosPerCallback());
        Run bareBusy = measure(settings.interpreter(LockMode.SWITCH, first), chosen, new Shape(false, cWait),
                runLength(settings, 0), true);
        rows.add(bareBusy.row(name + ", bare + C wait, busy, " + first + " us", floor));
        metrics.put("nsPerCallback.contended.bare", bareBusy.nanosPerCallback());
        part2.add(noWait);
        part2.add(bareBusy);
        for (Run r : part2) {
            sumsCorrect &= r.sumCorrect();
        }

        // Part 3: the broken callback.
        Broken broken = broken(settings, chosen);
        rows.add(Row.of(chosen.name() + ", no ensure (broken)", broken.run(), floor.perCallbackBaseline(broken.callbacksRun()))
                .with("callbacks", Long.toString(broken.callbacksRun()))
                .with("outcome", broken.outcome()));
        metrics.put("broken.misuse", broken.failure() instanceof LockMisuseException ? 1.0 : 0.0);
        metrics.put("broken.callbacksRun", (double) broken.callbacksRun());
        metrics.put("broken.interpreterIntact", broken.intact() ? 1.0 : 0.0);
        metrics.put("sumsCorrect", sumsCorrect ? 1.0 : 0.0);
        settings.progress().stepDone("broken");

        return new LessonResult(INFO, rows, conclusion(metrics, chosen.name(), intervals, broken), metrics,
                telling.measurement().trace());
    }

    // -------------------------------------------------------------------------------------------
    // The callbacks

    /** The callback's interpreted code: one eval-breaker poll (it needs the lock) and a square. */
    static long interpretedCode(Interpreter interpreter, long i) {
        interpreter.poll();
        return i * i;
    }

    /** The correct callback: {@code PyGILState_Ensure}, the interpreted code, {@code PyGILState_Release}. */
    static LongUnaryOperator ensuring(Interpreter interpreter) {
        return i -> {
            try (EnsuredRegion _ = interpreter.ensure()) {
                return interpretedCode(interpreter, i);
            }
        };
    }

    /** A callback that touches nothing of the interpreter: the cost of the crossing alone. */
    static long bare(long i) {
        return i * i;
    }

    /**
     * The calling thread releases the lock ({@code Py_BEGIN_ALLOW_THREADS}) and calls native
     * code, which calls {@code fn} back {@code count} times; returns their sum. Must be called
     * holding the lock.
     */
    static long callBackReleased(Interpreter interpreter, Callbacks callbacks, long count, LongUnaryOperator fn) {
        return interpreter.callReleased(() -> callbacks.sumOfCallbacks(count, fn));
    }

    /** The sum every run must return: i*i over i < count, with long wrap-around. */
    static long expectedSum(long count) {
        long sum = 0;
        for (long i = 0; i < count; i++) {
            sum += bare(i);
        }
        return sum;
    }

    // -------------------------------------------------------------------------------------------
    // Parts 1 and 2

    /**
     * What each callback does.
     *
     * @param ensure whether it takes the lock around its interpreted code ({@link #ensuring}) or
     *               touches nothing of the interpreter ({@link #bare})
     * @param cWait  the kernels whose C sleep of {@link #ELEMENT_WAIT_MICROS} each callback
     *               starts with, the lock still released: the element's native part, the wait
     *               for the next record that C would do before calling back; null for none
     */
    record Shape(boolean ensure, Kernels cWait) {

        static final Shape BARE = new Shape(false, null);
        static final Shape ENSURE = new Shape(true, null);

        /** The callback, for {@code interpreter}. */
        LongUnaryOperator callback(Interpreter interpreter) {
            LongUnaryOperator body = ensure ? ensuring(interpreter) : Lesson07_CallbackReacquire::bare;
            if (cWait == null) {
                return body;
            }
            return i -> {
                cWait.sleepMicros(ELEMENT_WAIT_MICROS);
                return body.applyAsLong(i);
            };
        }
    }

    /**
     * One measured run of the callback thread.
     *
     * @param measurement the whole run
     * @param callbacks   how many callbacks
     * @param nanos       the callback thread's time in the native call
     * @param stats       the callback thread's lock statistics
     * @param sumCorrect  whether the native call returned the right sum
     */
    record Run(Measurement measurement, long callbacks, long nanos, LockStats.Counts stats, boolean sumCorrect) {

        double nanosPerCallback() {
            return (double) nanos / callbacks;
        }

        double takesPerCallback() {
            return (double) stats.acquisitions() / callbacks;
        }

        double waitPerCallbackNanos() {
            return (double) stats.waitedNanos() / callbacks;
        }

        /** What this many callbacks would take at this run's cost each: the speedup column's baseline. */
        long perCallbackBaseline(long count) {
            return Math.round(nanosPerCallback() * count);
        }

        /** The table row; its speedup is {@code floor}'s time for as many callbacks over this run's. */
        Row row(String label, Run floor) {
            return Row.of(label, measurement, floor.perCallbackBaseline(callbacks))
                    .with("callbacks", Long.toString(callbacks))
                    .with("ns/callback", String.format(Locale.ROOT, "%,.0f", nanosPerCallback()))
                    .with("takes/callback", String.format(Locale.ROOT, "%.2f", takesPerCallback()))
                    .with("waited/callback", String.format(Locale.ROOT, "%.1f us", waitPerCallbackNanos() / 1e3))
                    .with("outcome", sumCorrect ? "sum ok" : "WRONG SUM");
        }
    }

    /** Callbacks of each kind, unmeasured, so that the JIT has compiled both paths before any is measured. */
    private static void warmUp(LessonSettings settings, Callbacks callbacks) {
        long count = settings.scaled(WARM_UP_CALLBACKS, 1_000);
        measure(settings.interpreter(), callbacks, Shape.BARE, count, false);
        measure(settings.interpreter(), callbacks, Shape.ENSURE, count, false);
    }

    /** The fastest of {@link #REPEATS} runs of one thread calling back alone. */
    private static Run fastestAlone(LessonSettings settings, Callbacks callbacks, Shape shape, long count) {
        Run fastest = null;
        for (int r = 0; r < REPEATS; r++) {
            Run run = measure(settings.interpreter(), callbacks, shape, count, false);
            if (fastest == null || run.nanos() < fastest.nanos()) {
                fastest = run;
            }
        }
        return fastest;
    }

    /** Part 2's callbacks per run: as many as fit {@link #CONTENDED_RUN_MICROS} at one interval plus the wait each. */
    private static long runLength(LessonSettings settings, long intervalMicros) {
        return settings.scaled(CONTENDED_RUN_MICROS / (intervalMicros + ELEMENT_WAIT_MICROS), 10);
    }

    /**
     * One attached thread releases the lock and has native code call {@code shape}'s callback
     * {@code count} times. With {@code busy}, a second attached thread runs an interpreted
     * countdown meanwhile, and the callbacks start only once it runs.
     */
    static Run measure(Interpreter interpreter, Callbacks callbacks, Shape shape, long count, boolean busy) {
        LongUnaryOperator fn = shape.callback(interpreter);
        Kernels interpreted = KernelsUnderLock.interpreted(interpreter);
        AtomicLong sum = new AtomicLong();
        AtomicLong nanos = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch busyRunning = new CountDownLatch(1);
        Measurement m = ThreadedRun.run(interpreter, busy ? 2 : 1, "callbacks", i -> {
            if (i == 0) {
                if (busy) {
                    awaitReleased(interpreter, busyRunning);
                }
                long start = System.nanoTime();
                sum.set(callBackReleased(interpreter, callbacks, count, fn));
                nanos.set(System.nanoTime() - start);
                done.set(true);
            } else {
                busyRunning.countDown();
                while (!done.get()) {
                    interpreted.countdown(BUSY_SLICE);
                }
            }
        });
        return new Run(m, count, nanos.get(), m.stats().thread("callbacks-0").counts(), sum.get() == expectedSum(count));
    }

    /** Waits for {@code latch} with the lock released, as a blocking call does. */
    private static void awaitReleased(Interpreter interpreter, CountDownLatch latch) {
        try {
            interpreter.blocking(() -> {
                latch.await();
                return null;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the busy thread", e);
        }
    }

    // -------------------------------------------------------------------------------------------
    // Part 3

    /**
     * The broken variant's run.
     *
     * @param run          the run
     * @param failure      what the native call threw (null if nothing, which would be a bug)
     * @param callbacksRun how many callbacks started before the loop stopped
     * @param intact       whether the interpreter worked afterwards: the thread held the lock
     *                     again, could poll, and a correct callback pass returned the right sum
     */
    record Broken(Measurement run, Throwable failure, long callbacksRun, boolean intact) {

        /** The outcome cell: the exception's type and the first clause of its message, and the check. */
        String outcome() {
            if (failure == null) {
                return "no exception: the misuse went unnoticed";
            }
            String message = String.valueOf(failure.getMessage());
            int cut = message.indexOf(", but");
            return failure.getClass().getSimpleName() + ": " + (cut < 0 ? message : message.substring(0, cut))
                    + (intact ? "; interpreter intact" : "; INTERPRETER BROKEN");
        }
    }

    /**
     * Calls back with interpreted code that does not take the lock, on one attached thread,
     * catches what comes out, then checks the interpreter still works on that thread.
     */
    static Broken broken(LessonSettings settings, Callbacks callbacks) {
        Interpreter interpreter = settings.interpreter();
        AtomicLong started = new AtomicLong();
        Throwable[] failure = new Throwable[1];
        boolean[] intact = new boolean[1];
        Measurement m = ThreadedRun.run(interpreter, 1, "broken", i -> {
            try {
                callBackReleased(interpreter, callbacks, BROKEN_CALLBACKS, n -> {
                    started.incrementAndGet();
                    return interpretedCode(interpreter, n);
                });
            } catch (RuntimeException | Error e) {
                failure[0] = e;
            }
            intact[0] = worksAfterwards(interpreter, callbacks);
        });
        return new Broken(m, failure[0], started.get(), intact[0]);
    }

    /** The calling thread holds the lock, can poll, and a correct callback pass sums right. */
    static boolean worksAfterwards(Interpreter interpreter, Callbacks callbacks) {
        if (!interpreter.holdsLock()) {
            return false;
        }
        interpreter.poll();
        return callBackReleased(interpreter, callbacks, BROKEN_CALLBACKS, ensuring(interpreter))
                == expectedSum(BROKEN_CALLBACKS) && interpreter.holdsLock();
    }

    // -------------------------------------------------------------------------------------------

    private static String conclusion(Map<String, Double> metrics, String chosen, List<Long> intervals, Broken broken) {
        long first = intervals.getFirst();
        long last = intervals.getLast();
        double alone = metrics.get("nsPerCallback.alone.wait");
        double busyFirst = metrics.get("nsPerCallback.contended." + first);
        String cost = String.format(Locale.ROOT, "taking the lock added %.0f ns to a %s callback alone; with a busy "
                + "interpreted thread each ensure waited %.0f us on average at a %d us switch interval",
                metrics.get("ensureNs." + chosen), chosen, metrics.get("waitPerCallbackMicros.contended." + first), first);
        if (last != first) {
            cost += String.format(Locale.ROOT, " and %.0f us at %d us", metrics.get("waitPerCallbackMicros.contended." + last),
                    last);
        }
        cost += String.format(Locale.ROOT, ", so an element with a %d us C wait took %.0f us instead of %.0f us (%.1fx)",
                ELEMENT_WAIT_MICROS, busyFirst / 1e3, alone / 1e3, busyFirst / alone);
        String misuse = broken.failure() instanceof LockMisuseException
                ? String.format(Locale.ROOT, "without ensure the first callback raised LockMisuseException%s",
                        broken.intact() ? " and the interpreter kept working" : ", and the interpreter was left BROKEN")
                : "without ensure NO LockMisuseException was raised (" + broken.outcome() + ")";
        return cost + "; " + misuse + ".";
    }
}
