package dev.gillab.lesson.catalogue;

import static dev.gillab.experiment.LoopLag.timed;
import static dev.gillab.lesson.Expectation.Needs.ANY_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.IDLE_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.TWO_FREE_CORES;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.CountdownSizing;
import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.LoopLag;
import dev.gillab.experiment.Row;
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
import dev.gillab.stdlib.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongBiFunction;
import java.util.stream.IntStream;

/**
 * Lesson 20: a blocking call inside a coroutine stalls every task of the event loop.
 *
 * <p>asyncio runs every task on one thread and switches only at an {@code await}
 * ({@code Lib/asyncio/base_events.py}, {@code _run_once}). {@code time.sleep} or a CPU-bound call
 * in a coroutine awaits nothing, so no other task runs for the whole call: asyncio's debug mode
 * reports a slow callback ({@code Executing <Task ...> took 0.105 seconds}). {@code asyncio.to_thread}
 * frees the loop only if the call releases the interpreter lock. For waiting, an event loop is not
 * faster than threads: ten coroutines in {@code asyncio.sleep} and ten threads in {@code time.sleep}
 * both take 1.01 sleeps in CPython 3.11.7 (gillab fidelity scenario 6); it saves a thread per wait.
 * {@code asyncio.wait} takes tasks: bare coroutines are a {@code TypeError} since 3.11
 * ({@code Lib/asyncio/tasks.py}).
 */
public final class Lesson20_BrokenBlockingCallInACoroutine implements Lesson {

    /** Right: {@code await asyncio.sleep(d)}; the loop runs other tasks meanwhile. */
    static void crawlPage(EventLoop loop, Duration delay) {
        loop.sleep(delay);
    }

    /** Broken: {@code time.sleep(d)} in a coroutine. The lock is released, but the loop's own thread sleeps. */
    static void crawlPageBlocking(EventLoop loop, Duration delay) {
        try {
            loop.interpreter().sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Broken: a CPU-bound function called from a coroutine: the loop computes and runs nothing else. */
    static long compute(Kernels kernels, long n) {
        return kernels.countdown(n);
    }

    /** The fix for blocking: {@code await asyncio.to_thread(time.sleep, d)}. */
    static void crawlPageInThread(EventLoop loop, Duration delay) {
        loop.toThread(() -> {
            crawlPageBlocking(loop, delay);
            return null;
        });
    }

    /** The same fix for computing: as good as the call is at releasing the lock (interpreted: not at all). */
    static long computeInThread(EventLoop loop, Kernels kernels, long n) {
        return loop.toThread(() -> compute(kernels, n));
    }

    static final Metric WAITS = Metric.of("concurrentWaitsInWaits", "100 tasks in asyncio.sleep, wall time in waits",
            Metric.Unit.NUMBER);
    static final Metric LAG = Metric.of("lagInCalls", "the loop's longest lag, in lengths of the call",
            Metric.Unit.NUMBER);
    static final Metric SLOW_STEPS = Metric.of("slowSteps", "steps of 100 ms or more", Metric.Unit.COUNT);
    static final Metric DROP_REQUESTS = Metric.of("dropRequests", "drop requests", Metric.Unit.COUNT);
    static final Metric LAG_IN_INTERVALS = Metric.of("lagInIntervals", "the loop's longest lag, in switch intervals",
            Metric.Unit.NUMBER);

    static final LessonInfo INFO = new LessonInfo(20, "A blocking call inside a coroutine", Verdict.BROKEN,
            "asyncio: time.sleep or a CPU-bound call inside a coroutine, against asyncio.sleep and asyncio.to_thread",
            "one blocking or computing task stalls every task of the loop; to_thread helps only if the call releases",
            List.of(Expectation.of(WAITS, Band.below(5), ANY_MACHINE),
                    Expectation.of(WAITS, Band.between(1, 1.2), IDLE_MACHINE)
                            .cpython("CPython 3.11.7: 10 coroutines in asyncio.sleep take 1.01 sleeps, "
                                    + "gillab fidelity scenario 6"),
                    Expectation.of(LAG.at("blockingInTask"), Band.atLeast(0.99), ANY_MACHINE)
                            .cpython("CPython 3.11.7: 1.0, gillab fidelity scenario 16"),
                    Expectation.of(SLOW_STEPS.at("blockingInTask"), Band.atLeast(1), ANY_MACHINE),
                    Expectation.of(LAG.at("computingInTask"), Band.atLeast(0.99), ANY_MACHINE),
                    Expectation.of(DROP_REQUESTS.at("interpretedInThread"), Band.atLeast(1), ANY_MACHINE),
                    Expectation.of(LAG.at("blockingInThread"), Band.below(0.5), TWO_FREE_CORES),
                    Expectation.of(LAG.at("nativeInThread"), Band.below(0.5), TWO_FREE_CORES),
                    Expectation.of(LAG_IN_INTERVALS.at("interpretedInThread"), Band.between(0.5, 3), IDLE_MACHINE)
                            .cpython("CPython 3.11.7 with asyncio.to_thread: gillab fidelity scenario 16")));

    /** The length of each call at scale 1, in milliseconds; never below {@link #MIN_CALL_MILLIS}. */
    static final long CALL_MILLIS = 400;
    /** Calls shorter than asyncio's slow-callback threshold (100 ms) would not be reported as slow. */
    static final long MIN_CALL_MILLIS = 150;

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        Duration call = Duration.ofMillis(settings.scaled(CALL_MILLIS, MIN_CALL_MILLIS));
        Binding binding = settings.bindingOr(Binding.FFM);
        long interpreted = CountdownSizing.iterationsFor(call, settings.interpreter(), KernelsUnderLock::interpreted);
        long released = CountdownSizing.iterationsFor(call, settings.interpreter(),
                i -> KernelsUnderLock.releasing(i, binding));
        List<Row> rows = new ArrayList<>();
        List<LessonChart.Point> bars = new ArrayList<>();
        Figures figures = new Figures();

        LoopLag.Result many = LoopLag.measure(settings.interpreter(), loop -> timed(() -> loop.gather(
                IntStream.range(0, 100).mapToObj(i -> loop.createTask("crawl-" + i, () -> {
                    crawlPage(loop, call);
                    return (Void) null;
                })).toList())));
        figures.put(WAITS, (double) many.workNanos() / call.toNanos());
        rows.add(many.row("100 tasks in asyncio.sleep"));

        rows.add(measure("time.sleep in a task", "blockingInTask", settings, figures, bars,
                (loop, i) -> timed(() -> crawlPageBlocking(loop, call))));
        rows.add(measure("computing in a task", "computingInTask", settings, figures, bars,
                (loop, i) -> timed(() -> compute(KernelsUnderLock.interpreted(i), interpreted))));
        rows.add(measure("to_thread(time.sleep)", "blockingInThread", settings, figures, bars,
                (loop, i) -> timed(() -> crawlPageInThread(loop, call))));
        rows.add(measure("to_thread(computing, interpreted)", "interpretedInThread", settings, figures, bars,
                (loop, i) -> timed(() -> computeInThread(loop, KernelsUnderLock.interpreted(i), interpreted))));
        rows.add(measure("to_thread(computing in C, released)", "nativeInThread", settings, figures, bars,
                (loop, i) -> timed(() -> computeInThread(loop, KernelsUnderLock.releasing(i, binding), released))));

        var f = figures.asMap();
        String conclusion = String.format(Locale.ROOT, "a blocking call in a task held every task up for %.2f of "
                        + "its length, a computing one for %.2f; moved to a thread, the blocking call for %.2f, the "
                        + "released C call for %.2f, but the interpreted computation still for %.1f switch intervals:"
                        + " to_thread helps only calls that release the lock.",
                f.get(LAG.at("blockingInTask")), f.get(LAG.at("computingInTask")), f.get(LAG.at("blockingInThread")),
                f.get(LAG.at("nativeInThread")), f.get(LAG_IN_INTERVALS.at("interpretedInThread")));
        return new LessonResult(INFO, rows, conclusion, figures, null,
                LessonChart.bars("How late the event loop runs its tasks", "ms", bars));
    }

    /** The lag of one way of calling, with its figures and its bars. */
    private static Row measure(String label, String key, LessonSettings settings, Figures figures,
                               List<LessonChart.Point> bars, ToLongBiFunction<EventLoop, Interpreter> work) {
        Interpreter interpreter = settings.interpreter();
        LoopLag.Result r = LoopLag.measure(interpreter, loop -> work.applyAsLong(loop, interpreter));
        figures.put(LAG.at(key), r.lagInWork())
                .put(SLOW_STEPS.at(key), r.loop().slowSteps())
                .put(DROP_REQUESTS.at(key), r.lock().total().dropRequests())
                .put(LAG_IN_INTERVALS.at(key), r.lagNanos() / (1e3 * interpreter.switchIntervalMicros()));
        bars.add(LessonChart.bar("the loop's longest lag", label, r.lagNanos() / 1e6));
        bars.add(LessonChart.bar("the call", label, r.workNanos() / 1e6));
        settings.progress().stepDone(label);
        return r.row(label);
    }

    /*
     * Measured:
     * <output>
     * $ ./gillab lesson 20      (2026-12-08; 2 cores, AMD EPYC; load average 2.12 2.14 3.14 before)
     *
     * run                                  threads  wall ms  speedup  switches  forced drops  lock wait  call ms  loop lag ms  slow steps  drop requests
     * -----------------------------------  -------  -------  -------  --------  ------------  ---------  -------  -----------  ----------  -------------
     * 100 tasks in asyncio.sleep                 1    459.8    1.00x         1             0         0%      405          4.4           0              0
     * time.sleep in a task                       1    418.6    1.00x         1             0         0%      401        401.3           1              0
     * computing in a task                        1    445.0    1.00x         1             0         0%      423        426.2           1              0
     * to_thread(time.sleep)                      1    428.0    1.00x         5             0         0%      410          8.2           0              0
     * to_thread(computing, interpreted)          1    600.9    1.00x       175            86        79%      573         10.9           0             86
     * to_thread(computing in C, released)        1    422.1    1.00x         5             0         0%      404          2.5           0              0
     * => a blocking call in a task held every task up for 1.00 of its length, a computing one for 1.01; moved to a thread, the blocking call for 0.02, the released C call for 0.01, but the interpreted computation still for 2.2 switch intervals: to_thread helps only calls that release the lock.
     *    expectations: 9 of 9 held
     * </output>
     * The lag column is the heartbeat's longest wait less its own 1 ms sleep: how late the loop
     * ran a task that was due. In a task, a blocking or computing call delays everything by its
     * whole length, and the loop reports it as a slow step; on a worker thread, the blocking call
     * and the released C call leave the loop on time, while the interpreted computation holds the
     * interpreter lock that the loop needs, and the loop gets it back only by asking (drop
     * requests), a switch interval at a time.
     *
     * How to run: ./gillab lesson 20   (options: --binding jna|javacpp|ffm, --switch-interval MICROS).
     */
}
