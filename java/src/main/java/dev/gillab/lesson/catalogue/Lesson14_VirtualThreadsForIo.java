package dev.gillab.lesson.catalogue;

import dev.gillab.binding.Binding;
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
import dev.gillab.lock.Interpreter;
import dev.gillab.stdlib.IoBody;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * <h2>Lesson 14: virtual threads for I/O, the asyncio analogue</h2>
 *
 * <p>The problem. Thousands of concurrent waits (requests to a slow service, timers) are what
 * {@code asyncio} was built for: one thread, many coroutines, each {@code await} handing the
 * thread to another. With OS threads the waits overlap just as well, since every blocking call
 * releases the lock, but each thread costs a kernel thread, a reserved stack and a creation
 * time. Java's virtual threads give thread-per-task code the price of a coroutine: they wait
 * without holding a carrier, including while they wait for the interpreter lock, which is
 * built on {@code java.util.concurrent} and so unmounts its waiters.
 *
 * <p>The real-world analogue. The seeds' {@code crawl_page} coroutines,
 * {@code await asyncio.sleep(...)} under {@code asyncio.gather}, against one
 * {@code threading.Thread} per page calling {@code time.sleep}. Here:
 * {@link Executors#newVirtualThreadPerTaskExecutor} against a thread-per-task executor of
 * platform threads, every task attached to one {@link Interpreter}.
 *
 * <p>What runs here. 1,000 tasks at scale 1 (250 with {@code --quick}), each attaching to the
 * interpreter (taking the lock, as a new Python thread does) and sleeping one delay (1 s at
 * scale 1) through {@link Interpreter#sleep}, with the lock released; once on platform threads,
 * once on virtual threads. A last row shows the limit: {@value #PINNED_PER_CARRIER} virtual
 * threads per carrier make the same wait through the native {@code sleepMicros}
 * ({@link KernelsUnderLock#releasing}): the lock is released, but a virtual thread inside a
 * native call pins its carrier (JEP 444), so only as many of them wait at once as there are
 * carriers.
 *
 * <p>What to observe. Both sleep rows take about one delay plus the time to start the tasks
 * (wall/delay): the lock is no obstacle to overlapping waits. The difference is the cost:
 * creating and starting the tasks (create ms) and the process's CPU time are far lower for
 * virtual threads, and the peak of platform threads in the JVM stays at the carriers plus the
 * JVM's own instead of one per task. The peak waiters column is the most threads seen waiting
 * for the interpreter lock at once: when it is above the number of carriers with virtual
 * threads, the waiters were not holding carriers. The native row takes
 * {@value #PINNED_PER_CARRIER} delays: pinned.
 *
 * <p>A warning the lesson ran into. Every thread waiting for the lock wakes once per switch
 * interval to look at it (CPython's {@code take_gil} does the same timed wait), so a thousand
 * waiters at 5 ms are 200,000 wake-ups a second, whatever the holder does. When many tasks end
 * their sleep together and pile up, those wake-ups can take the machine from the holder, and the
 * pile drains slower than it grows: with 2,000 platform threads on this 2-core machine one run
 * took 17.5 s instead of about 2.4 s (on 2026-11-22; 1,637 threads waiting at the peak). Hence
 * 1,000 tasks, not the 2,000 first planned.
 *
 * <p>Expected: both sleep rows within one delay plus the creation time; virtual threads created
 * 10x to 50x faster, with a peak of platform threads near the JVM's baseline; the native row
 * about {@value #PINNED_PER_CARRIER} delays.
 *
 * <h2>Measured</h2>
 * <pre>
 * $ ./gillab lesson 14          (2026-11-22; 2 cores shared with other builds, load average ~4.5: noisy)
 * run                                  threads  wall ms  speedup  switches  forced drops  lock wait  wall/delay  create ms  CPU ms  peak platform threads  peak attached  peak waiters
 * -----------------------------------  -------  -------  -------  --------  ------------  ---------  ----------  ---------  ------  ---------------------  -------------  ------------
 * platform threads, sleep                 1000   1396.8    1.00x      2000             0         1%        1.40      300.5     830                   1010           1000           152
 * virtual threads, sleep                  1000   1208.7    1.16x      2000             0         7%        1.21        7.8     810                     10           1000           428
 * virtual threads, native sleep (ffm)        4   2008.8    0.70x         8             0        25%        2.01        1.2      30                     10              2             2
 * =&gt; 1000 sleeps of 1000 ms took 1.40 delays on platform threads and 1.21 on virtual ones;
 *    creating the virtual threads took 7.8 ms against 300.5 ms (39x), with 10 platform threads at
 *    the peak against 1010; up to 428 virtual threads waited for the lock at once on 2 carriers
 *    (waiting did not hold carriers); 4 native sleeps took 2.01 delays: each pinned its carrier, 2
 *    at a time.
 * </pre>
 *
 * <p>Both kinds of threads overlapped the 1,000 one-second waits: 1.40 delays on platform
 * threads, 1.21 on virtual ones, the difference being mostly creation, 300 ms to create and start
 * 1,000 platform threads against 7.8 ms for virtual ones (39x), with 1,010 platform threads alive
 * at the peak against 10. The process's CPU time was about the same for both: at this size it
 * goes to what each attached thread costs the simulated interpreter (statistics, lock hand-offs,
 * the waiters' timed wake-ups), not to the threads. 428 virtual threads waited for the lock at
 * once on 2 carriers, so waiting held no carrier; the four native sleeps took 2.01 delays, two
 * at a time: each pinned its carrier.
 *
 * <p>How to run: {@code ./gillab lesson 14} (options: {@code --threads N} for N tasks instead of
 * 1,000 (at most 256), {@code --mode}, {@code --binding}, {@code --quick}).
 */
public final class Lesson14_VirtualThreadsForIo implements Lesson {

    /** Tasks at scale 1. */
    static final long TASKS = 1_000;

    /** One task's wait at scale 1, in microseconds. */
    static final long DELAY_MICROS = 1_000_000;

    /** Virtual threads per carrier in the native row: its wall time is this many delays when calls pin. */
    static final int PINNED_PER_CARRIER = 2;

    /** Tasks of the two warm-up runs, platform then virtual, measured by nobody: they compile the paths the rows time. */
    static final int WARMUP_TASKS = 200;

    /** The warm-up tasks' sleep. */
    static final Duration WARMUP_DELAY = Duration.ofMillis(1);

    /** The longest one row may take. */
    static final Duration TIME_LIMIT = ThreadedRun.TIME_LIMIT;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static final LessonInfo INFO = new LessonInfo(14, "Virtual threads for I/O", Verdict.RIGHT,
            "asyncio.gather of coroutines awaiting asyncio.sleep, against a threading.Thread per task",
            "1,000 waits of one delay: ~1 delay plus creation on platform and virtual threads; virtual created 10x-50x faster",
            "thousands of virtual threads wait under one lock without holding carriers; native calls pin them");

    /**
     * What spawning one task per thread measured.
     *
     * @param measurement          wall time from the first thread's creation to the last task's end,
     *                             and the process's CPU time over it
     * @param creationNanos        the time to create and start every thread
     * @param peakPlatformThreads  the most platform threads alive in the JVM at once
     * @param peakAttached         the most tasks attached to the interpreter at once
     * @param peakWaiters          the most threads seen waiting for the interpreter lock at once
     */
    record Spawn(Measurement measurement, long creationNanos, int peakPlatformThreads, int peakAttached,
                 int peakWaiters) {
    }

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        int tasks = settings.threads().isEmpty() ? (int) settings.scaled(TASKS, 50) : Collections.max(settings.threads());
        Duration delay = Duration.ofNanos(1_000 * settings.scaled(DELAY_MICROS, 20_000));
        int carriers = carriers();
        List<Row> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("delay.seconds", delay.toNanos() / 1e9);
        metrics.put("carriers", (double) carriers);

        for (Thread.Builder builder : List.of(Thread.ofPlatform(), Thread.ofVirtual())) {
            Interpreter throwaway = settings.interpreter();
            spawn(throwaway, builder, Math.min(tasks, WARMUP_TASKS), sleeper(throwaway, WARMUP_DELAY));
        }
        Interpreter onPlatform = settings.interpreter();
        Spawn platform = spawn(onPlatform, Thread.ofPlatform().name("task-", 0), tasks, sleeper(onPlatform, delay));
        long baseline = platform.measurement().wallNanos();
        rows.add(row("platform threads, sleep", platform, baseline, delay));
        putMetrics(metrics, "platform", platform, delay);
        settings.progress().stepDone(rows.getLast().label());

        Interpreter onVirtual = settings.interpreter();
        Spawn virtual = spawn(onVirtual, Thread.ofVirtual().name("task-", 0), tasks, sleeper(onVirtual, delay));
        rows.add(row("virtual threads, sleep", virtual, baseline, delay));
        putMetrics(metrics, "virtual", virtual, delay);
        settings.progress().stepDone(rows.getLast().label());

        Binding binding = settings.bindingOr(Binding.FFM);
        Interpreter onPinned = settings.interpreter();
        Kernels released = KernelsUnderLock.releasing(onPinned, binding);
        long delayMicros = delay.toNanos() / 1_000;
        Spawn pinned = spawn(onPinned, Thread.ofVirtual().name("native-", 0), PINNED_PER_CARRIER * carriers,
                i -> released.sleepMicros(delayMicros));
        rows.add(row("virtual threads, native sleep (" + binding.id() + ")", pinned, baseline, delay));
        putMetrics(metrics, "pinned", pinned, delay);
        settings.progress().stepDone(rows.getLast().label());

        return new LessonResult(INFO, rows, conclusion(platform, virtual, pinned, carriers, delay), metrics,
                virtual.measurement().trace());
    }

    /** A task: {@code time.sleep(delay)}, the lock released while it sleeps. */
    private static IntConsumer sleeper(Interpreter interpreter, Duration delay) {
        return IoBody.unchecked(i -> interpreter.sleep(delay));
    }

    /**
     * Runs {@code body} once per thread, {@code tasks} threads from {@code builder}, each attached
     * to {@code interpreter} for the task's length, through a thread-per-task executor. The clock
     * starts before the first thread is created: creating threads is part of what this measures.
     */
    private static Spawn spawn(Interpreter interpreter, Thread.Builder builder, int tasks, IntConsumer body) {
        AtomicInteger attached = new AtomicInteger();
        AtomicInteger peakAttached = new AtomicInteger();
        AtomicInteger peakWaiters = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>(tasks);
        THREADS.resetPeakThreadCount();
        long cpuStart = OS.getProcessCpuTime();
        long start = System.nanoTime();
        long created;
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(builder.factory())) {
            for (int i = 0; i < tasks; i++) {
                int index = i;
                futures.add(executor.submit(interpreter.attached(() -> {
                    peakAttached.accumulateAndGet(attached.incrementAndGet(), Math::max);
                    peakWaiters.accumulateAndGet(interpreter.waiters(), Math::max);
                    body.accept(index);
                    peakWaiters.accumulateAndGet(interpreter.waiters(), Math::max);
                    attached.decrementAndGet();
                })));
            }
            created = System.nanoTime() - start;
            executor.shutdown();
            if (!executor.awaitTermination(TIME_LIMIT.toNanos(), TimeUnit.NANOSECONDS)) {
                executor.shutdownNow();
                throw new IllegalStateException("the tasks did not finish within " + TIME_LIMIT + "; lock: " + interpreter);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the tasks", e);
        }
        long wall = System.nanoTime() - start;
        long cpu = OS.getProcessCpuTime() - cpuStart;
        for (Future<?> f : futures) {
            rethrowFailure(f);
        }
        Measurement m = new Measurement(tasks, wall, cpu, interpreter.stats(), interpreter.trace());
        return new Spawn(m, created, THREADS.getPeakThreadCount(), peakAttached.get(), peakWaiters.get());
    }

    /** A task's exception, rethrown unchecked; the task is done. */
    private static void rethrowFailure(Future<?> done) {
        try {
            done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a task failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The virtual-thread scheduler's parallelism: its number of carriers. */
    static int carriers() {
        return Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
    }

    private static Row row(String label, Spawn s, long baselineWallNanos, Duration delay) {
        Measurement m = s.measurement();
        return Row.of(label, m, baselineWallNanos)
                .with("wall/delay", String.format(Locale.ROOT, "%.2f", (double) m.wallNanos() / delay.toNanos()))
                .with("create ms", String.format(Locale.ROOT, "%.1f", s.creationNanos() / 1e6))
                .with("CPU ms", String.format(Locale.ROOT, "%.0f", m.cpuNanos() / 1e6))
                .with("peak platform threads", Integer.toString(s.peakPlatformThreads()))
                .with("peak attached", Integer.toString(s.peakAttached()))
                .with("peak waiters", Integer.toString(s.peakWaiters()));
    }

    private static void putMetrics(Map<String, Double> metrics, String key, Spawn s, Duration delay) {
        Measurement m = s.measurement();
        metrics.put(key + ".tasks", (double) m.threads());
        metrics.put(key + ".seconds", m.wallNanos() / 1e9);
        metrics.put(key + ".delays", (double) m.wallNanos() / delay.toNanos());
        metrics.put(key + ".create.millis", s.creationNanos() / 1e6);
        metrics.put(key + ".cpu.millis", m.cpuNanos() / 1e6);
        metrics.put(key + ".peak.platformThreads", (double) s.peakPlatformThreads());
        metrics.put(key + ".peak.attached", (double) s.peakAttached());
        metrics.put(key + ".peak.waiters", (double) s.peakWaiters());
        metrics.put(key + ".threadsSeen", (double) m.stats().threads().size());
        metrics.put(key + ".blockingCalls", (double) m.stats().total().blockingCalls());
    }

    private static String conclusion(Spawn platform, Spawn virtual, Spawn pinned, int carriers, Duration delay) {
        double delayNanos = delay.toNanos();
        return String.format(Locale.ROOT, "%d sleeps of %d ms took %.2f delays on platform threads and %.2f on virtual "
                        + "ones; creating the virtual threads took %.1f ms against %.1f ms (%.0fx), with %d platform "
                        + "threads at the peak against %d; up to %d virtual threads waited for the lock at once on %d "
                        + "carriers%s; %d native sleeps took %.2f delays: %s.",
                virtual.measurement().threads(), delay.toMillis(), platform.measurement().wallNanos() / delayNanos,
                virtual.measurement().wallNanos() / delayNanos, virtual.creationNanos() / 1e6,
                platform.creationNanos() / 1e6, (double) platform.creationNanos() / virtual.creationNanos(),
                virtual.peakPlatformThreads(), platform.peakPlatformThreads(), virtual.peakWaiters(), carriers,
                virtual.peakWaiters() > carriers ? " (waiting did not hold carriers)" : "",
                pinned.measurement().threads(), pinned.measurement().wallNanos() / delayNanos,
                pinned.measurement().wallNanos() >= 1.5 * delayNanos
                        ? "each pinned its carrier, " + carriers + " at a time"
                        : "they overlapped, nothing pinned");
    }
}
