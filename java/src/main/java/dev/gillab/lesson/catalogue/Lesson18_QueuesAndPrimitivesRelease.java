package dev.gillab.lesson.catalogue;

import static dev.gillab.lesson.Expectation.Needs.ANY_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.IDLE_MACHINE;

import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
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
import dev.gillab.stdlib.IoBody;
import dev.gillab.stdlib.SimulatedPrograms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Lesson 18: waiting on a queue or an event releases the lock, as CPython's threading primitives do.
 *
 * <p>Threads that hand work to each other spend their time waiting: for a job on a queue, for a
 * program to exit. In CPython every such wait releases the lock: {@code queue.Queue.get} and
 * {@code Event.wait} wait in {@code Condition.wait} ({@code Lib/queue.py}, {@code Lib/threading.py}),
 * a lock acquire that {@code Modules/_threadmodule.c} makes with the GIL released around
 * {@code PyThread_acquire_lock_timed} ({@code Python/thread_pthread.h}); {@code SimpleQueue.get}
 * does the same ({@code Modules/_queuemodule.c}), and {@code Popen.wait} calls {@code os.waitpid},
 * released in {@code Modules/posixmodule.c}. A wait that does <em>not</em> release, a C extension
 * blocking on its own condition variable, stops every other thread while it lasts. The Python
 * program: indexing a folder with one external converter per file type ({@code pdftotext},
 * {@code odt2txt}, ...), fed through a {@code queue.Queue} each, takes about the slowest
 * converter's time instead of the sum of all the work.
 */
public final class Lesson18_QueuesAndPrimitivesRelease implements Lesson {

    /** Right: {@code queue.get(timeout=...)} waits for the next job with the lock released. */
    static Job take(Interpreter interpreter, BlockingQueue<Job> queue) throws InterruptedException {
        Job job = interpreter.blocking(() -> queue.poll(WAIT_LIMIT.toNanos(), TimeUnit.NANOSECONDS));
        check(job != null, "nothing arrived on a queue", interpreter);
        return job;
    }

    /** Right: {@code Popen.wait()} waits for the program to exit with the lock released. */
    static void awaitExit(Interpreter interpreter, CountDownLatch exited) throws InterruptedException {
        boolean done = interpreter.blocking(() -> exited.await(WAIT_LIMIT.toNanos(), TimeUnit.NANOSECONDS));
        check(done, "a program did not exit", interpreter);
    }

    /** Broken: the same wait with the lock held, so no other converter can even take its next file. */
    static void awaitExitHoldingTheLock(Interpreter interpreter, CountDownLatch exited) throws InterruptedException {
        boolean done = exited.await(WAIT_LIMIT.toNanos(), TimeUnit.NANOSECONDS);
        check(done, "a program did not exit", interpreter);
    }

    /** The baseline: one thread runs each file's program in turn, waiting for it (released) before the next. */
    static void convertInTurn(Interpreter interpreter, List<Job> folder, SimulatedPrograms running)
            throws InterruptedException {
        for (Job job : folder) {
            awaitExit(interpreter, running.start(job.program().perFile()));
        }
    }

    /** A converter thread: takes files until the end mark, runs its program on each, waits, passes the file on. */
    static void convert(Interpreter interpreter, BlockingQueue<Job> inbox, BlockingQueue<Job> converted,
                        SimulatedPrograms running, ExitWait exitWait) throws InterruptedException {
        for (Job job = take(interpreter, inbox); job != Job.END; job = take(interpreter, inbox)) {
            exitWait.await(running.start(job.program().perFile()));
            converted.add(job);
        }
    }

    /** The dispatcher: each file to its program's queue, an end mark to each queue, then every result. */
    static void dispatch(Interpreter interpreter, List<Job> folder, List<BlockingQueue<Job>> inboxes,
                         BlockingQueue<Job> converted) throws InterruptedException {
        folder.forEach(job -> inboxes.get(job.program().index()).add(job)); // an unbounded queue never blocks
        inboxes.forEach(inbox -> inbox.add(Job.END));
        for (int n = 0; n < folder.size(); n++) {
            take(interpreter, converted);
        }
    }

    static final Metric X_SLOWEST = Metric.of("xSlowest", "wall time over the slowest converter's total",
            Metric.Unit.NUMBER);
    static final Metric X_SUM = Metric.of("xSum", "wall time over the sum of all programs' times", Metric.Unit.NUMBER);
    static final Metric AT_ONCE = Metric.of("programsAtOnce", "most programs running at once", Metric.Unit.COUNT);
    static final Metric RELEASED_EXIT_WAITS = Metric.of("releasedExitWaits",
            "blocking calls of the converters less those of the broken run, per file", Metric.Unit.NUMBER);

    static final LessonInfo INFO = new LessonInfo(18, "Queues and primitives release the lock", Verdict.RIGHT,
            "queue.Queue.get, Event.wait, Popen.wait release the GIL: one converter thread per external program",
            "waiting on a queue or an event releases the lock: converter threads take the slowest one's time, "
                    + "not the sum",
            // 1.875: three quarters of the sum, which is 2.5 times the slowest converter's total with 4 programs
            List.of(Expectation.of(X_SLOWEST.at("converters"), Band.between(0.99, 1.875), ANY_MACHINE),
                    Expectation.of(AT_ONCE.at("converters"), Band.above(1), ANY_MACHINE)
                            .cpython("Lib/queue.py: Queue.get waits in Condition.wait, a lock acquire made with "
                                    + "the GIL released (Modules/_threadmodule.c)"),
                    Expectation.of(AT_ONCE.at("sequential"), Band.exactly(1), ANY_MACHINE),
                    Expectation.of(AT_ONCE.at("broken"), Band.exactly(1), ANY_MACHINE),
                    Expectation.of(X_SUM.at("sequential"), Band.atLeast(0.99), ANY_MACHINE),
                    Expectation.of(X_SUM.at("broken"), Band.atLeast(0.99), ANY_MACHINE),
                    Expectation.of(RELEASED_EXIT_WAITS, Band.exactly(1), ANY_MACHINE),
                    Expectation.of(X_SLOWEST.at("converters"), Band.between(1.0, 1.2), IDLE_MACHINE),
                    Expectation.of(AT_ONCE.at("converters"), Band.exactly(4), IDLE_MACHINE),
                    Expectation.of(X_SUM.at("sequential"), Band.between(0.99, 1.2), IDLE_MACHINE),
                    Expectation.of(X_SUM.at("broken"), Band.between(0.99, 1.2), IDLE_MACHINE)));

    /** Programs by default; program k (from 0) takes (programs - k) units per file. */
    static final int PROGRAMS = 4;

    /** Files of each type in the folder. */
    static final int FILES_PER_PROGRAM = 2;

    /** One unit of program time at scale 1, in microseconds (at least 25 ms: starting threads stays small). */
    static final long UNIT_MICROS = 100_000;

    /** The longest any one wait may last; far above any program's time, so reaching it is a failure. */
    static final Duration WAIT_LIMIT = Duration.ofSeconds(30);

    private static final List<String> NAMES = List.of("pdftotext", "odt2txt", "docx2txt", "html2text");

    /** An external program: its place in the list, its name, how long it runs per file. */
    record Program(int index, String name, Duration perFile) {
    }

    /** A file of the folder and the program that converts it; {@link #END} tells a converter to stop. */
    record Job(int number, Program program) {

        static final Job END = new Job(-1, null);
    }

    /** How a converter waits for its program to exit. */
    @FunctionalInterface
    interface ExitWait {
        void await(CountDownLatch exited) throws InterruptedException;
    }

    @Override
    public LessonInfo info() {
        return INFO;
    }

    /** One thread converting every file in turn, then a converter thread per program, then the broken converters. */
    @Override
    public LessonResult run(LessonSettings settings) {
        int count = Collections.max(settings.threadsOr(List.of(PROGRAMS)));
        Duration unit = Duration.ofNanos(1_000 * settings.scaled(UNIT_MICROS, 25_000));
        List<Program> programs = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            programs.add(new Program(k, k < NAMES.size() ? NAMES.get(k) : "converter" + (k + 1),
                    unit.multipliedBy(count - k)));
        }
        List<Job> folder = new ArrayList<>();
        for (int f = 0; f < FILES_PER_PROGRAM; f++) {
            programs.forEach(p -> folder.add(new Job(folder.size(), p)));
        }
        long sum = folder.stream().mapToLong(job -> job.program().perFile().toNanos()).sum();
        long slowest = programs.getFirst().perFile().multipliedBy(FILES_PER_PROGRAM).toNanos();

        Interpreter one = settings.interpreter();
        Run sequential = withPrograms("sequential, 1 thread", "sequential", running -> ThreadedRun.run(one, 1,
                "sequential", IoBody.unchecked(i -> convertInTurn(one, folder, running))), settings);
        Interpreter right = settings.interpreter();
        Run converters = withPrograms("a converter thread per program", "converters",
                running -> delegate(right, folder, programs, running, exited -> awaitExit(right, exited)), settings);
        Interpreter wrong = settings.interpreter();
        Run broken = withPrograms("converters wait holding the lock (broken)", "broken",
                running -> delegate(wrong, folder, programs, running, exited -> awaitExitHoldingTheLock(wrong, exited)),
                settings);

        List<Row> rows = new ArrayList<>();
        Figures figures = new Figures();
        for (Run run : List.of(sequential, converters, broken)) {
            long wall = run.measurement().wallNanos();
            figures.put(X_SLOWEST.at(run.key()), (double) wall / slowest).put(X_SUM.at(run.key()), (double) wall / sum)
                    .put(AT_ONCE.at(run.key()), run.peakPrograms());
            rows.add(Row.of(run.label(), run.measurement(), sequential.measurement().wallNanos())
                    .with("x slowest", String.format(Locale.ROOT, "%.2f", (double) wall / slowest))
                    .with("programs at once", Integer.toString(run.peakPrograms()))
                    .with("blocking calls", Long.toString(run.blockingCalls())));
        }
        figures.put(RELEASED_EXIT_WAITS,
                (double) (converters.blockingCalls() - broken.blockingCalls()) / folder.size());
        String conclusion = String.format(Locale.ROOT, "%d converters took %.2fx the slowest converter's %.2f s with "
                        + "up to %d programs at once; the sequential run %.2fx the sum, and waiting with the lock held "
                        + "%.2fx the sum with %s.", count, (double) converters.measurement().wallNanos() / slowest,
                slowest / 1e9, converters.peakPrograms(), (double) sequential.measurement().wallNanos() / sum,
                (double) broken.measurement().wallNanos() / sum, broken.peakPrograms() == 1
                        ? "one program at a time: the waits serialised everything"
                        : "up to " + broken.peakPrograms() + " programs at once: nothing serialised them");
        return new LessonResult(INFO, rows, conclusion, figures, converters.measurement().trace(), LessonChart.SPEEDUP);
    }

    /** A run, its row's label, its figures' key, and the most programs that ran at once during it. */
    record Run(String label, String key, Measurement measurement, int peakPrograms) {

        long blockingCalls() {
            return measurement.stats().total().blockingCalls();
        }
    }

    /** Thread 0 dispatches the folder to one queue per program and collects the results; thread k + 1 converts. */
    private static Measurement delegate(Interpreter interpreter, List<Job> folder, List<Program> programs,
                                        SimulatedPrograms running, ExitWait exitWait) {
        List<BlockingQueue<Job>> inboxes = programs.stream()
                .map(p -> (BlockingQueue<Job>) new LinkedBlockingQueue<Job>()).toList();
        BlockingQueue<Job> converted = new LinkedBlockingQueue<>();
        return ThreadedRun.run(interpreter, programs.size() + 1, "convert", IoBody.unchecked(i -> {
            if (i == 0) {
                dispatch(interpreter, folder, inboxes, converted);
            } else {
                convert(interpreter, inboxes.get(i - 1), converted, running, exitWait);
            }
        }));
    }

    /** {@code run} with programs to start, and the most of them that ran at once. */
    private static Run withPrograms(String label, String key, Function<SimulatedPrograms, Measurement> run,
                                    LessonSettings settings) {
        try (SimulatedPrograms running = new SimulatedPrograms()) {
            Run done = new Run(label, key, run.apply(running), running.peakRunning());
            settings.progress().stepDone(label);
            return done;
        }
    }

    /** Every wait is bounded, so that a mistake fails the run instead of hanging it. */
    private static void check(boolean done, String what, Interpreter interpreter) {
        if (!done) {
            throw new IllegalStateException(what + " within " + WAIT_LIMIT + "; lock: " + interpreter);
        }
    }

    /*
     * Measured:
     * <output>
     * $ ./gillab lesson 18      (2026-12-08; 2 cores, AMD EPYC; load average 1.93 2.13 3.21 before)
     *
     * run                                        threads  wall ms  speedup  switches  forced drops  lock wait  x slowest  programs at once  blocking calls
     * -----------------------------------------  -------  -------  -------  --------  ------------  ---------  ---------  ----------------  --------------
     * sequential, 1 thread                             1   2023.7    1.00x         1             0         0%       2.53                 1               8
     * a converter thread per program                   5    807.0    2.51x        22             0         0%       1.01                 4              28
     * converters wait holding the lock (broken)        5   2012.2    1.01x        19             0        56%       2.52                 1              20
     * => 4 converters took 1.01x the slowest converter's 0.80 s with up to 4 programs at once; the sequential run 1.01x the sum, and waiting with the lock held 1.01x the sum with one program at a time: the waits serialised everything.
     *    expectations: 11 of 11 held
     * </output>
     * Four programs take 4, 3, 2 and 1 units per file, two files each (a unit is 100 ms at scale 1).
     * The converters finish in about the slowest converter's total, all four programs running at once
     * (x slowest, programs at once); the sequential run takes the sum of all the work. So does the
     * broken run, which never has two programs at once: one converter waiting for its program with
     * the lock held keeps the others from even taking their next file (its lock-wait column). The
     * blocking calls count the released waits: the broken run lacks exactly one per file, the exit's.
     *
     * How to run: ./gillab lesson 18   (options: --threads N for N programs (the largest value if
     * several), --mode, --quick).
     */
}
