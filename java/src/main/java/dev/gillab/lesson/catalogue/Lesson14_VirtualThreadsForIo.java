package dev.gillab.lesson.catalogue;

import static dev.gillab.lesson.Expectation.Needs.ANY_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.IDLE_MACHINE;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadPerTaskRun;
import dev.gillab.experiment.ThreadPerTaskRun.Result;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 14: virtual threads for I/O, the asyncio analogue.
 *
 * <p>{@code asyncio} waits on thousands of coroutines in one thread. OS threads overlap their waits too, each
 * blocking call releasing the lock ({@code time.sleep}: {@code Modules/timemodule.c}), but each costs a kernel
 * thread, a stack and its creation. Java's virtual threads give thread-per-task code a coroutine's price: they
 * wait, for the lock as well, without holding a carrier. Every waiter wakes once per switch interval to look at
 * the lock, in CPython too ({@code Python/ceval_gil.c}: {@code take_gil}'s timed wait): hence 1,000 tasks, not more.
 * The Python programs: {@code asyncio.gather} of coroutines in {@code await asyncio.sleep(d)}, against a
 * {@code threading.Thread} per task in {@code time.sleep(d)}.
 */
public final class Lesson14_VirtualThreadsForIo implements Lesson {

    /** The task, on either kind of thread: {@code time.sleep(delay)}, the lock released while it sleeps. */
    static void sleepTask(Interpreter interpreter, Duration delay) throws InterruptedException {
        interpreter.sleep(delay);
    }

    /** A {@code threading.Thread} per task: a platform thread each, with its kernel thread and stack. */
    static Thread.Builder platformThreads() {
        return Thread.ofPlatform().name("task-", 0);
    }

    /** A virtual thread per task: it unmounts from its carrier while it sleeps or waits for the lock. */
    static Thread.Builder virtualThreads() {
        return Thread.ofVirtual().name("task-", 0);
    }

    /** The limit: inside a native call a virtual thread pins its carrier (JEP 444), lock released or not. */
    static void nativeSleepTask(Kernels releasing, Duration delay) {
        releasing.sleepMicros(delay.toNanos() / 1_000);
    }

    static final Metric WALL_IN_DELAYS = Metric.of("wallInDelays", "wall time in delays", Metric.Unit.NUMBER);
    static final Metric ATTACHED = Metric.of("attachedPerTask", "threads the interpreter saw attach, per task",
            Metric.Unit.NUMBER);
    static final Metric BLOCKING_CALLS = Metric.of("blockingCallsPerTask", "blocking calls per task",
            Metric.Unit.NUMBER);
    static final Metric CREATION = Metric.of("creation", "time to create the platform threads over the virtual ones",
            Metric.Unit.RATIO);
    static final Metric EXTRA_PLATFORM_THREADS = Metric.of("extraPlatformThreads",
            "peak platform threads with platform tasks less with virtual tasks, per task", Metric.Unit.NUMBER);
    static final Metric WAITERS_PER_CARRIER = Metric.of("waitersPerCarrier",
            "most virtual threads waiting for the lock at once, per carrier", Metric.Unit.NUMBER);

    static final LessonInfo INFO = new LessonInfo(14, "Virtual threads for I/O", Verdict.RIGHT,
            "asyncio.gather of coroutines awaiting asyncio.sleep, against a threading.Thread per task",
            "thousands of virtual threads wait under one lock without holding carriers; native calls pin them",
            List.of(Expectation.of(ATTACHED.at("platform"), Band.exactly(1), ANY_MACHINE),
                    Expectation.of(ATTACHED.at("virtual"), Band.exactly(1), ANY_MACHINE),
                    Expectation.of(BLOCKING_CALLS.at("virtual"), Band.exactly(1), ANY_MACHINE),
                    Expectation.of(WALL_IN_DELAYS.at("platform"), Band.below(10), ANY_MACHINE),
                    Expectation.of(WALL_IN_DELAYS.at("virtual"), Band.below(10), ANY_MACHINE),
                    Expectation.of(EXTRA_PLATFORM_THREADS, Band.above(0.25), ANY_MACHINE),
                    Expectation.of(WALL_IN_DELAYS.at("pinned"),
                            Band.atLeast(0.99 * Lesson14_VirtualThreadsForIo.PINNED_PER_CARRIER), ANY_MACHINE),
                    Expectation.of(WALL_IN_DELAYS.at("platform"), Band.between(1, 1.5), IDLE_MACHINE)
                            .cpython("CPython 3.11.7: 10 threads in time.sleep take 1.01 sleeps, "
                                    + "gillab fidelity scenario 6"),
                    Expectation.of(WALL_IN_DELAYS.at("virtual"), Band.between(1, 1.5), IDLE_MACHINE)
                            .cpython("CPython 3.11.7: 10 coroutines in asyncio.sleep take 1.01 sleeps, "
                                    + "gillab fidelity scenario 6"),
                    Expectation.of(CREATION, Band.between(10, 50), IDLE_MACHINE),
                    Expectation.of(WAITERS_PER_CARRIER, Band.above(1), IDLE_MACHINE)));

    /** Tasks at scale 1. */
    static final long TASKS = 1_000;
    /** One task's wait at scale 1, in microseconds. */
    static final long DELAY_MICROS = 1_000_000;
    /** Virtual threads per carrier in the native row: its wall time is this many delays when calls pin. */
    static final int PINNED_PER_CARRIER = 2;
    /** Tasks of the untimed warm-up runs, platform then virtual: they compile the paths the rows time. */
    static final int WARMUP_TASKS = 200;
    /** The warm-up tasks' sleep. */
    static final Duration WARMUP_DELAY = Duration.ofMillis(1);

    @Override
    public LessonInfo info() {
        return INFO;
    }

    /** The tasks on platform threads, on virtual threads, then two native sleeps per carrier on virtual threads. */
    @Override
    public LessonResult run(LessonSettings settings) {
        int tasks = settings.threads().isEmpty() ? (int) settings.scaled(TASKS, 50)
                : Collections.max(settings.threads());
        Duration delay = Duration.ofNanos(1_000 * settings.scaled(DELAY_MICROS, 20_000));
        for (Thread.Builder builder : List.of(platformThreads(), virtualThreads())) {
            Interpreter throwaway = settings.interpreter();
            ThreadPerTaskRun.run(throwaway, builder, Math.min(tasks, WARMUP_TASKS),
                    i -> sleepTask(throwaway, WARMUP_DELAY));
        }
        List<Row> rows = new ArrayList<>();
        Figures figures = new Figures();
        Interpreter onPlatform = settings.interpreter();
        Result platform = ThreadPerTaskRun.run(onPlatform, platformThreads(), tasks, i -> sleepTask(onPlatform, delay));
        long baseline = platform.measurement().wallNanos();
        rows.add(row("platform threads, sleep", "platform", platform, baseline, delay, figures, settings));

        Interpreter onVirtual = settings.interpreter();
        Result virtual = ThreadPerTaskRun.run(onVirtual, virtualThreads(), tasks, i -> sleepTask(onVirtual, delay));
        rows.add(row("virtual threads, sleep", "virtual", virtual, baseline, delay, figures, settings));

        Binding binding = settings.bindingOr(Binding.FFM);
        Interpreter onPinned = settings.interpreter();
        Kernels releasing = KernelsUnderLock.releasing(onPinned, binding);
        int carriers = ThreadPerTaskRun.carriers();
        Result pinned = ThreadPerTaskRun.run(onPinned, Thread.ofVirtual().name("native-", 0),
                PINNED_PER_CARRIER * carriers, i -> nativeSleepTask(releasing, delay));
        rows.add(row("virtual threads, native sleep (" + binding.id() + ")", "pinned", pinned, baseline, delay, figures,
                settings));

        figures.put(CREATION, (double) platform.creationNanos() / virtual.creationNanos())
                .put(EXTRA_PLATFORM_THREADS, (double) (platform.peakPlatformThreads() - virtual.peakPlatformThreads())
                        / tasks)
                .put(WAITERS_PER_CARRIER, (double) virtual.peakWaiters() / carriers);
        return new LessonResult(INFO, rows, conclusion(platform, virtual, pinned, carriers, delay), figures,
                virtual.measurement().trace(), LessonChart.SPEEDUP);
    }

    /** The row of one run; its figures go under {@code key}. */
    private static Row row(String label, String key, Result r, long baselineWallNanos, Duration delay, Figures figures,
                           LessonSettings settings) {
        var m = r.measurement();
        figures.put(WALL_IN_DELAYS.at(key), (double) m.wallNanos() / delay.toNanos())
                .put(ATTACHED.at(key), (double) m.stats().threads().size() / m.threads())
                .put(BLOCKING_CALLS.at(key), (double) m.stats().total().blockingCalls() / m.threads());
        settings.progress().stepDone(label);
        return r.row(label, baselineWallNanos, delay);
    }

    private static String conclusion(Result platform, Result virtual, Result pinned, int carriers, Duration delay) {
        double d = delay.toNanos();
        double pinnedDelays = pinned.measurement().wallNanos() / d;
        return String.format(Locale.ROOT, "%d sleeps of %d ms took %.2f delays on platform threads and %.2f on virtual "
                        + "ones; creating the virtual threads took %.1f ms against %.1f ms, with %d platform threads "
                        + "at the peak against %d; up to %d virtual threads waited for the lock at once on %d carriers"
                        + "%s; %d native sleeps took %.2f delays: %s.",
                virtual.measurement().threads(), delay.toMillis(), platform.measurement().wallNanos() / d,
                virtual.measurement().wallNanos() / d, virtual.creationNanos() / 1e6, platform.creationNanos() / 1e6,
                virtual.peakPlatformThreads(), platform.peakPlatformThreads(), virtual.peakWaiters(), carriers,
                virtual.peakWaiters() > carriers ? " (waiting did not hold carriers)" : "",
                pinned.measurement().threads(), pinnedDelays, pinnedDelays >= 0.99 * PINNED_PER_CARRIER
                        ? "each pinned its carrier, " + carriers + " at a time" : "they overlapped, nothing pinned");
    }

    /*
     * Measured:
     * <output>
     * $ ./gillab lesson 14      (2026-12-08; 2 cores, AMD EPYC; load average 2.10 2.17 3.37 before)
     *
     * run                                  threads  wall ms  speedup  switches  forced drops  lock wait  wall/delay  create ms  CPU ms  peak platform threads  peak attached  peak waiters
     * -----------------------------------  -------  -------  -------  --------  ------------  ---------  ----------  ---------  ------  ---------------------  -------------  ------------
     * platform threads, sleep                 1000   1616.0    1.00x      2000             0         0%        1.62      614.5    1380                   1010           1000             3
     * virtual threads, sleep                  1000   1058.2    1.53x      2000             0         0%        1.06       18.0     190                     10           1000            81
     * virtual threads, native sleep (ffm)        4   2013.5    0.80x         7             0        25%        2.01        3.3      90                     10              2             2
     * => 1000 sleeps of 1000 ms took 1.62 delays on platform threads and 1.06 on virtual ones; creating the virtual threads took 18.0 ms against 614.5 ms, with 10 platform threads at the peak against 1010; up to 81 virtual threads waited for the lock at once on 2 carriers (waiting did not hold carriers); 4 native sleeps took 2.01 delays: each pinned its carrier, 2 at a time.
     *    expectations: 10 of 11 held
     *    missed: wall time in delays, platform = 1.62, expected 1 to 1.50 (an idle machine)
     * </output>
     * Both sleep rows take about a delay plus the start of the tasks (wall/delay): the lock does not
     * stop waits from overlapping. Virtual threads are far cheaper to create (create ms) and keep the
     * platform threads at the carriers plus the JVM's own; the CPU time goes to what each attached
     * thread costs the simulated interpreter, alike for both. Peak waiters above the carriers: waiting
     * for the lock held no carrier. The native row takes two delays: each sleep pinned its carrier.
     *
     * How to run: ./gillab lesson 14   (options: --threads N for N tasks instead of 1,000 (at most 256),
     * --mode, --binding, --quick).
     */
}
