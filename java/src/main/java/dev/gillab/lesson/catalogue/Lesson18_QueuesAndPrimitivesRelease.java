package dev.gillab.lesson.catalogue;

import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Verdict;
import dev.gillab.lock.Interpreter;
import dev.gillab.stdlib.IoBody;
import dev.gillab.stdlib.SimulatedPrograms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * <h2>Lesson 18: waiting on a queue or an event releases the lock, as CPython's threading primitives do</h2>
 *
 * <p>The problem. Threads that hand work to each other spend their time waiting: for a job on a
 * queue, for a child process to exit, for a result. In CPython every such wait
 * ({@code queue.Queue.get}, {@code threading.Lock.acquire}, {@code Condition.wait},
 * {@code Semaphore.acquire}, {@code Event.wait}, {@code Barrier.wait}, {@code Popen.wait}) ends
 * in a blocking lock acquire or system call made with the interpreter lock released, so the
 * waiting thread stops nobody. A wait made <em>without</em> releasing (a C extension that blocks on
 * its own mutex or condition variable and forgot {@code Py_BEGIN_ALLOW_THREADS}) stops
 * every other thread for as long as it lasts, and can deadlock outright if the thread it waits
 * for needs the lock to get there.
 *
 * <p>The real-world analogue. The seeds' "delegating work": a function that indexes a folder
 * calls a different external program per file type (one for PDFs, one for OpenOffice files...);
 * instead of running them one after another it starts one converter thread per program and
 * feeds each through a {@code queue.Queue}, so that "the overall time taken will be closer to
 * the processing time of the slowest converter than to the sum of all the work".
 *
 * <p>What runs here. A folder of {@value #FILES_PER_PROGRAM} files per program; 4 programs
 * ({@code pdftotext}, {@code odt2txt}, {@code docx2txt}, {@code html2text}) taking 4, 3, 2 and
 * 1 units per file (a unit is 100 ms at scale 1, 25 ms with {@code --quick}). The programs are
 * {@link SimulatedPrograms}: they run outside the interpreter and signal their exit on a
 * {@link CountDownLatch}, the analogue of {@code Popen.wait()} or a {@code threading.Event}.
 * Three ways:
 * <ol>
 *   <li>sequential: one thread runs the program of every file in turn, waiting for each exit
 *       with the lock released;</li>
 *   <li>converters: a dispatcher thread puts each file on its program's queue (a
 *       {@link LinkedBlockingQueue}); one converter thread per program takes files
 *       ({@code interpreter.blocking(queue::poll)}), starts the program and waits for its exit
 *       ({@code interpreter.blocking(exited::await)}), then puts the result on a results queue
 *       that the dispatcher drains ({@code interpreter.blocking(results::poll)});</li>
 *   <li>broken: the same converters, waiting for the program's exit with the lock held
 *       ({@code exited.await(...)} without {@code blocking}). Every wait is bounded by a time
 *       limit, so a mistake fails instead of hanging.</li>
 * </ol>
 * The same pattern holds for the other primitives: {@code interpreter.blocking(lock::lockInterruptibly)},
 * {@code blocking(condition::await)}, {@code blocking(semaphore::acquire)},
 * {@code blocking(barrier::await)}.
 *
 * <p>What to observe. The converters row takes about the slowest converter's total (4 units x
 * {@value #FILES_PER_PROGRAM} files), the sequential row the sum (10 units x
 * {@value #FILES_PER_PROGRAM}). The "programs at once" column is the most programs that ran at
 * the same time: 4 with the converters, 1 in the broken row, whose wall time is the sum again:
 * holding the lock while waiting for one program kept the other converters from even starting
 * theirs. Its lock-wait column shows the others queued.
 *
 * <p>Expected: converters within 1.0x to 1.2x of the slowest converter's total; sequential and
 * broken at the sum (2.5x the converters' time with 4 programs).
 *
 * <h2>Measured</h2>
 * <pre>
 * $ ./gillab lesson 18          (2026-11-22; 2 cores shared with other builds, load average ~6: noisy)
 * run                                        threads  wall ms  speedup  switches  forced drops  lock wait  x slowest  programs at once  blocking calls
 * -----------------------------------------  -------  -------  -------  --------  ------------  ---------  ---------  ----------------  --------------
 * sequential, 1 thread                             1   2029.4    1.00x         1             0         0%       2.54                 1               8
 * a converter thread per program                   5    847.5    2.39x        29             0         2%       1.06                 4              28
 * converters wait holding the lock (broken)        5   2011.8    1.01x        23             0        43%       2.51                 1              20
 * =&gt; 4 converters took 0.85 s, 1.06x the slowest converter's 0.80 s (the sum is 2.00 s, the
 *    sequential run 2.03 s), up to 4 programs at once; waiting with the lock held took 2.01 s with
 *    one program at a time: the waits serialised everything.
 * </pre>
 *
 * <p>The four converters finished in 1.06x the slowest converter's 0.80 s, all four programs
 * running at once; the sequential run took the 2.0 s sum. So did the broken run, which never had
 * two programs at once: one converter waiting for its program with the lock held kept the other
 * three from even taking their next file (43% lock wait).
 *
 * <p>How to run: {@code ./gillab lesson 18} (options: {@code --threads N} for N programs (the
 * largest value if several), {@code --mode}, {@code --quick}).
 */
public final class Lesson18_QueuesAndPrimitivesRelease implements Lesson {

    /** Programs by default; program k (from 0) takes (programs - k) units per file. */
    static final int PROGRAMS = 4;

    /** Files of each type in the folder. */
    static final int FILES_PER_PROGRAM = 2;

    /** One unit of program time at scale 1, in microseconds. */
    static final long UNIT_MICROS = 100_000;

    /** The longest any one wait may last; far above any program's time, so reaching it is a failure. */
    static final Duration WAIT_LIMIT = Duration.ofSeconds(30);

    private static final List<String> NAMES = List.of("pdftotext", "odt2txt", "docx2txt", "html2text");

    private static final LessonInfo INFO = new LessonInfo(18, "Queues and primitives release the lock", Verdict.RIGHT,
            "queue.Queue.get, Event.wait, Popen.wait release the GIL: one converter thread per external program",
            "converters: ~ the slowest converter's time (1.0x-1.2x); sequential and lock-holding waits: the sum",
            "waiting on a queue or an event releases the lock: converter threads take the slowest one's time, not the sum");

    /** An external program: its name and how long it runs per file. */
    record Program(String name, Duration perFile) {
    }

    /** A file of the folder to convert, and the program that converts it; {@link #END} tells a converter to stop. */
    record Job(int number, Program program) {

        static final Job END = new Job(-1, null);
    }

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        int count = Collections.max(settings.threadsOr(List.of(PROGRAMS)));
        Duration unit = Duration.ofNanos(1_000 * settings.scaled(UNIT_MICROS, 5_000));
        List<Program> programs = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            programs.add(new Program(k < NAMES.size() ? NAMES.get(k) : "converter" + (k + 1), unit.multipliedBy(count - k)));
        }
        List<Job> folder = new ArrayList<>();
        for (int f = 0; f < FILES_PER_PROGRAM; f++) {
            for (Program p : programs) {
                folder.add(new Job(folder.size(), p));
            }
        }
        Duration sum = folder.stream().map(Job::program).map(Program::perFile).reduce(Duration.ZERO, Duration::plus);
        Duration slowest = programs.getFirst().perFile().multipliedBy(FILES_PER_PROGRAM);

        List<Row> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("sum.seconds", seconds(sum.toNanos()));
        metrics.put("slowest.seconds", seconds(slowest.toNanos()));

        Result sequential = sequential(settings.interpreter(), folder);
        rows.add(row("sequential, 1 thread", sequential, sequential, slowest));
        putMetrics(metrics, "sequential", sequential);
        settings.progress().stepDone(rows.getLast().label());

        Result converters = delegate(settings.interpreter(), folder, programs, true);
        rows.add(row("a converter thread per program", converters, sequential, slowest));
        putMetrics(metrics, "converters", converters);
        settings.progress().stepDone(rows.getLast().label());

        Result broken = delegate(settings.interpreter(), folder, programs, false);
        rows.add(row("converters wait holding the lock (broken)", broken, sequential, slowest));
        putMetrics(metrics, "broken", broken);
        settings.progress().stepDone(rows.getLast().label());

        return new LessonResult(INFO, rows, conclusion(sequential, converters, broken, sum, slowest, count), metrics,
                converters.measurement().trace());
    }

    /**
     * What one way of converting the folder measured.
     *
     * @param measurement the run
     * @param peakPrograms the most programs that ran at once
     */
    record Result(Measurement measurement, int peakPrograms) {
    }

    /** One thread converts every file in turn, waiting for each program with the lock released. */
    private static Result sequential(Interpreter interpreter, List<Job> folder) {
        try (SimulatedPrograms running = new SimulatedPrograms()) {
            Measurement m = ThreadedRun.run(interpreter, 1, "sequential", IoBody.unchecked(i -> {
                for (Job job : folder) {
                    awaitExit(interpreter, running.start(job.program().perFile()), true);
                }
            }));
            return new Result(m, running.peakRunning());
        }
    }

    /**
     * Thread 0 dispatches the folder to one queue per program and collects the results; thread
     * k + 1 is program k's converter. {@code release}: whether converters wait for their program
     * with the lock released.
     */
    private static Result delegate(Interpreter interpreter, List<Job> folder, List<Program> programs, boolean release) {
        List<BlockingQueue<Job>> inboxes = programs.stream().map(p -> (BlockingQueue<Job>) new LinkedBlockingQueue<Job>())
                .toList();
        BlockingQueue<Job> converted = new LinkedBlockingQueue<>();
        try (SimulatedPrograms running = new SimulatedPrograms()) {
            Measurement m = ThreadedRun.run(interpreter, programs.size() + 1, release ? "convert" : "convert-held",
                    IoBody.unchecked(i -> {
                        if (i == 0) {
                            dispatch(interpreter, folder, programs, inboxes, converted);
                        } else {
                            convert(interpreter, inboxes.get(i - 1), converted, running, release);
                        }
                    }));
            return new Result(m, running.peakRunning());
        }
    }

    /** The dispatcher: a file to its program's queue, an end mark to each queue, then every result. */
    private static void dispatch(Interpreter interpreter, List<Job> folder, List<Program> programs,
                                 List<BlockingQueue<Job>> inboxes, BlockingQueue<Job> converted)
            throws InterruptedException {
        for (Job job : folder) {
            inboxes.get(programs.indexOf(job.program())).add(job); // an unbounded queue never blocks on put
        }
        inboxes.forEach(inbox -> inbox.add(Job.END));
        for (int n = 0; n < folder.size(); n++) {
            take(interpreter, converted);
        }
    }

    /** A converter: takes files until the end mark, runs the program on each, passes the file on. */
    private static void convert(Interpreter interpreter, BlockingQueue<Job> inbox, BlockingQueue<Job> converted,
                                SimulatedPrograms running, boolean release) throws InterruptedException {
        for (Job job = take(interpreter, inbox); job != Job.END; job = take(interpreter, inbox)) {
            awaitExit(interpreter, running.start(job.program().perFile()), release);
            converted.add(job);
        }
    }

    /** {@code queue.get(timeout=...)}: waits for the next element with the lock released. */
    private static Job take(Interpreter interpreter, BlockingQueue<Job> queue) throws InterruptedException {
        Job job = interpreter.blocking(() -> queue.poll(WAIT_LIMIT.toNanos(), TimeUnit.NANOSECONDS));
        if (job == null) {
            throw new IllegalStateException("nothing arrived on a queue within " + WAIT_LIMIT + "; lock: " + interpreter);
        }
        return job;
    }

    /**
     * {@code Popen.wait()}: waits for a program to exit, with the lock released if {@code release},
     * else holding it throughout (the broken way).
     */
    private static void awaitExit(Interpreter interpreter, CountDownLatch exited, boolean release)
            throws InterruptedException {
        long limit = WAIT_LIMIT.toNanos();
        boolean done = release
                ? interpreter.blocking(() -> exited.await(limit, TimeUnit.NANOSECONDS))
                : exited.await(limit, TimeUnit.NANOSECONDS);
        if (!done) {
            throw new IllegalStateException("a program did not exit within " + WAIT_LIMIT + "; lock: " + interpreter);
        }
    }

    private static Row row(String label, Result r, Result baseline, Duration slowest) {
        Measurement m = r.measurement();
        return Row.of(label, m, baseline.measurement().wallNanos())
                .with("x slowest", String.format(Locale.ROOT, "%.2f", (double) m.wallNanos() / slowest.toNanos()))
                .with("programs at once", Integer.toString(r.peakPrograms()))
                .with("blocking calls", Long.toString(m.stats().total().blockingCalls()));
    }

    private static void putMetrics(Map<String, Double> metrics, String key, Result r) {
        metrics.put(key + ".seconds", seconds(r.measurement().wallNanos()));
        metrics.put(key + ".programsAtOnce", (double) r.peakPrograms());
        metrics.put(key + ".blockingCalls", (double) r.measurement().stats().total().blockingCalls());
    }

    private static String conclusion(Result sequential, Result converters, Result broken, Duration sum,
                                     Duration slowest, int programs) {
        return String.format(Locale.ROOT, "%d converters took %.2f s, %.2fx the slowest converter's %.2f s (the sum is "
                        + "%.2f s, the sequential run %.2f s), up to %d programs at once; waiting with the lock held "
                        + "took %.2f s with %s.",
                programs, seconds(converters.measurement().wallNanos()),
                (double) converters.measurement().wallNanos() / slowest.toNanos(), seconds(slowest.toNanos()),
                seconds(sum.toNanos()), seconds(sequential.measurement().wallNanos()), converters.peakPrograms(),
                seconds(broken.measurement().wallNanos()),
                broken.peakPrograms() == 1 ? "one program at a time: the waits serialised everything"
                        : "up to " + broken.peakPrograms() + " programs at once: nothing serialised them (is the lock 'free'?)");
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
