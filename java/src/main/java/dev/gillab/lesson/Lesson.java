package dev.gillab.lesson;

/**
 * One lesson of the catalogue: a way of using (or misusing) the interpreter lock, run as an
 * experiment whose result is a table and a one-line conclusion.
 *
 * <p>Lessons are compositions: an {@link dev.gillab.lock.Interpreter}, the kernels of a
 * {@link dev.gillab.binding.Binding}, the lock's decorators ({@code ReleasingKernels},
 * {@code HoldingKernels}) and {@link ThreadedRun}. Each lives in one file of
 * {@code dev.gillab.lesson.catalogue}, named {@code LessonNN_VerdictWhatItShows}, which opens
 * with the problem, the real-world analogue, what to observe, the expected band, and the
 * result measured on the reference machine, interpreted.
 */
public interface Lesson {

    /** Number, title, verdict, analogue, expected band. */
    LessonInfo info();

    /** Runs the experiment. Thread safe only in the sense that separate runs share nothing. */
    LessonResult run(LessonSettings settings);
}
