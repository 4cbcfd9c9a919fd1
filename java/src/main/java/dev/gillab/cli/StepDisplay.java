package dev.gillab.cli;

import dev.gillab.lesson.Progress;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a lesson's steps as they finish, on the error stream so that the tables on standard
 * output stay clean. On a terminal: a live progress bar (me.tongfei progressbar), one per
 * lesson, that ends as a single finished line. Anywhere else (a CI log, a file): one plain
 * line per step, because a bar redrawn with carriage returns would pile up into one
 * unreadable line.
 *
 * <p>A lesson's number of steps is known only roughly (usually one per thread count), and
 * sometimes not at all (0): a bar that gets more steps than expected grows, one that gets
 * fewer is completed on close, and one with no expectation counts steps without a percentage.
 */
sealed interface StepDisplay extends Progress, AutoCloseable {

    /**
     * A display for one task of about {@code expectedSteps} steps (0: unknown): a bar on a terminal, lines on
     * {@code err} otherwise.
     */
    static StepDisplay open(String task, int expectedSteps, PrintWriter err) {
        return onTerminal() ? new Bar(task, expectedSteps) : new Lines(task, expectedSteps, err);
    }

    /**
     * Whether the JVM talks to a terminal ({@link Console#isTerminal()}; the console exists
     * only when standard input and output are both attached to one).
     */
    static boolean onTerminal() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    void close();

    /** A live bar on the terminal's error stream. */
    final class Bar implements StepDisplay {

        private final ProgressBar bar;

        Bar(String task, int expectedSteps) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(expectedSteps > 0 ? expectedSteps : -1)
                    .setStyle(ProgressBarStyle.UNICODE_BLOCK).setUpdateIntervalMillis(200).continuousUpdate()
                    .hideEta().build();
            bar.setExtraMessage("running");
        }

        @Override
        public void stepDone(String step) {
            if (!bar.isIndefinite() && bar.getCurrent() >= bar.getMax()) {
                bar.maxHint(bar.getCurrent() + 1);
            }
            bar.step();
            bar.setExtraMessage("done: " + step);
        }

        @Override
        public void close() {
            bar.maxHint(bar.getCurrent());
            bar.close();
        }
    }

    /** One line per step, with the time since the task started. */
    final class Lines implements StepDisplay {

        private final String task;
        private final int expectedSteps;
        private final PrintWriter err;
        private final long start = System.nanoTime();
        private int done;

        Lines(String task, int expectedSteps, PrintWriter err) {
            this.task = task;
            this.expectedSteps = expectedSteps;
            this.err = err;
        }

        @Override
        public synchronized void stepDone(String step) {
            done++;
            String count = done <= expectedSteps ? done + "/" + expectedSteps : Integer.toString(done);
            err.printf(Locale.ROOT, "  %s [%s] %s (%.1f s)%n", task, count, step, (System.nanoTime() - start) / 1e9);
            err.flush();
        }

        @Override
        public void close() {
        }
    }
}
