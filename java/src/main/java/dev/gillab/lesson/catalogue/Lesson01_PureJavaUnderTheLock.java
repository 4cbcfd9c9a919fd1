package dev.gillab.lesson.catalogue;

import static dev.gillab.lesson.Expectation.Needs.ANY_MACHINE;
import static dev.gillab.lesson.Expectation.Needs.IDLE_MACHINE;

import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.experiment.WarmUp;
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
import dev.gillab.lock.LockMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 01: pure Java under the lock is no faster with more threads.
 *
 * <p>Count down from a large number in one thread, then split the same count over two and four.
 * Only the thread holding the interpreter lock may run "bytecode", so the threads take turns, one
 * switch interval (5 ms) at a time, and the split version is no faster. This is CPython's
 * {@code def countdown(n): while n > 0: n -= 1}, run once and as {@code Thread(target=countdown,
 * args=(N // k,))} on k threads.
 */
public final class Lesson01_PureJavaUnderTheLock implements Lesson {

    /**
     * The pattern: k threads attached to one interpreter, each counting down its share in
     * interpreted Java, which polls the lock at every iteration as CPython's eval loop polls at
     * every back edge. Nothing in it releases the lock except the poll, when the switch interval
     * has run out and another thread asks for it.
     */
    static Measurement countdownSplitOver(int threads, long total, Interpreter interpreter) {
        Kernels interpreted = KernelsUnderLock.interpreted(interpreter);
        return ThreadedRun.run(interpreter, threads, "countdown", i -> interpreted.countdown(total / threads));
    }

    static final Metric SPEEDUP = Metric.of("speedup", "speedup over 1 thread", Metric.Unit.RATIO);
    static final Metric PARALLELISM = Metric.of("parallelism", "CPU time over wall time", Metric.Unit.NUMBER);
    static final Metric PARALLELISM_GAIN = Metric.of("parallelismGain",
            "CPU time over wall time, most threads against 1 thread", Metric.Unit.NUMBER);

    /**
     * Threads that run one at a time burn at most one CPU between them, whatever the machine's
     * load (a loaded machine only lowers the figure): CPU time over wall time stays at 1 or below,
     * plus the hand-offs' overlap. Two threads running in parallel on two free cores give 2.
     */
    static final double SERIAL = 1.2;

    static final LessonInfo INFO = new LessonInfo(1, "Pure Java under the lock", Verdict.SHOWS,
            "pure Python threads: the countdown of single_threaded.py vs multi_threaded.py",
            "CPU-bound interpreted threads take turns: more threads, no speedup",
            List.of(Expectation.of(PARALLELISM.threads(2), Band.atMost(SERIAL), ANY_MACHINE),
                    Expectation.of(PARALLELISM.threads(4), Band.atMost(SERIAL), ANY_MACHINE),
                    Expectation.of(SPEEDUP.threads(2), Band.between(0.85, 1.05), IDLE_MACHINE)
                            .cpython("CPython 3.11.7: 0.99x, gillab fidelity scenario 1"),
                    Expectation.of(SPEEDUP.threads(4), Band.between(0.85, 1.05), IDLE_MACHINE)
                            .cpython("CPython 3.11.7: 0.98x, gillab fidelity scenario 1")));

    /** Total countdown iterations at scale 1: about half a second of interpreted Java. */
    static final long TOTAL_ITERATIONS = 400_000_000L;

    @Override
    public LessonInfo info() {
        return INFO;
    }

    /** The same countdown on 1, 2 and 4 threads, after an untimed warm-up of both paths of the lock. */
    @Override
    public LessonResult run(LessonSettings settings) {
        long total = settings.scaled(TOTAL_ITERATIONS, 1_000_000);
        WarmUp.onTwoThreads(settings::interpreterIn, List.of(settings.modeOr(LockMode.SWITCH)),
                interpreter -> () -> KernelsUnderLock.interpreted(interpreter).countdown(WarmUp.COUNTDOWN));
        List<Row> rows = new ArrayList<>();
        Figures figures = new Figures();
        Measurement first = null;
        Measurement last = null;
        Measurement telling = null;
        for (int threads : settings.threadsOr(List.of(1, 2, 4))) {
            Measurement m = countdownSplitOver(threads, total, settings.interpreter());
            first = first == null ? m : first;
            last = m;
            telling = telling == null || threads == 2 ? m : telling;
            Row row = Row.of(threads + (threads == 1 ? " thread" : " threads"), m, first.wallNanos())
                    .with("CPU/wall", String.format(Locale.ROOT, "%.2f", m.parallelism()));
            rows.add(row);
            figures.put(SPEEDUP.threads(threads), row.speedup()).put(PARALLELISM.threads(threads), m.parallelism());
            settings.progress().stepDone(row.label());
        }
        double gain = last.parallelism() / first.parallelism();
        figures.put(PARALLELISM_GAIN, gain);
        String why = last.parallelism() <= SERIAL
                ? "the lock lets one thread run at a time."
                : "they ran in parallel: nothing serialised them (is the lock mode 'free'?).";
        String conclusion = String.format(Locale.ROOT, "%d threads ran the same countdown at %.2fx the speed of %d: %s",
                last.threads(), rows.get(rows.size() - 1).speedup(), first.threads(), why);
        return new LessonResult(INFO, rows, conclusion, figures, telling.trace(), LessonChart.SPEEDUP);
    }

    /*
     * Measured:
     * <output>
     * $ ./gillab lesson 01      (2026-12-08; 2 cores, AMD EPYC; load average 1.31 2.59 4.02 before)
     *
     * run        threads  wall ms  speedup  switches  forced drops  lock wait  CPU/wall
     * ---------  -------  -------  -------  --------  ------------  ---------  --------
     * 1 thread         1    632.5    1.00x         1             0         0%      1.00
     * 2 threads        2    576.2    1.10x        90            88        42%      1.00
     * 4 threads        4    573.7    1.10x        90            86        65%      0.96
     * => 4 threads ran the same countdown at 1.10x the speed of 1: the lock lets one thread run at a time.
     *    expectations: 2 of 4 held
     *    missed: speedup over 1 thread, 2 threads = 1.10x, expected 0.85x to 1.05x (an idle machine)
     *    missed: speedup over 1 thread, 4 threads = 1.10x, expected 0.85x to 1.05x (an idle machine)
     * </output>
     * The countdown took the same time however it was split, with CPU time per wall time at 1: one
     * thread ran at a time. The switches column counts the hand-offs, about one per switch interval
     * of wall time (5.5 ms here); the lock-wait column shows each of k threads waiting about (k-1)/k
     * of its life.
     *
     * How to run: ./gillab lesson 01   (options: --threads 1,2,4 --mode ticks --switch-interval 1000;
     * --mode free shows the same threads running in parallel).
     */
}
