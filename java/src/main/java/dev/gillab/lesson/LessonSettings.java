package dev.gillab.lesson;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How to run a lesson: what the user chose, where each choice may be left to the lesson
 * ({@code null} or empty means "the lesson's own default"), and how much work to do.
 *
 * @param threads              thread counts to compare; empty for the lesson's own
 * @param mode                 the lock mode; null for the lesson's own (usually {@code switch})
 * @param binding              the native binding; null for the lesson's own (usually {@code ffm})
 * @param switchIntervalMicros the switch interval; null for the lesson's own (usually 5000)
 * @param scale                a multiplier on every workload: 1 normally, less for a quick pass
 * @param trace                record the lock's events, for a timeline
 * @param progress             told of each finished step
 */
public record LessonSettings(List<Integer> threads, LockMode mode, Binding binding, Long switchIntervalMicros,
                             double scale, boolean trace, Progress progress) {

    /** The scale of {@link #quick()}. */
    public static final double QUICK_SCALE = 0.25;

    /**
     * The longest switch interval a lesson accepts: 1 s, 200 times CPython's default. A thread
     * that wants the lock back may wait an interval behind each CPU-bound holder, and every
     * run must end within {@link ThreadedRun#TIME_LIMIT}; lessons whose threads hand the lock
     * over many times refuse shorter intervals too, with the reason (lesson 11).
     */
    public static final long MAX_SWITCH_INTERVAL_MICROS = 1_000_000;

    public LessonSettings {
        threads = List.copyOf(Objects.requireNonNull(threads, "threads"));
        for (int t : threads) {
            if (t < 1 || t > 256) {
                throw new IllegalArgumentException("threads must be in 1..256, was " + t);
            }
        }
        if (!(scale > 0 && scale <= 100)) {
            throw new IllegalArgumentException("scale must be in (0, 100], was " + scale);
        }
        if (switchIntervalMicros != null
                && (switchIntervalMicros < 1 || switchIntervalMicros > MAX_SWITCH_INTERVAL_MICROS)) {
            throw new IllegalArgumentException("switch interval must be in 1.." + MAX_SWITCH_INTERVAL_MICROS
                    + " us (1 s: a waiting thread may wait an interval per hand-off, and each run must end within "
                    + ThreadedRun.TIME_LIMIT.toSeconds() + " s), was " + switchIntervalMicros);
        }
        Objects.requireNonNull(progress, "progress");
    }

    /** Every choice left to the lesson, full size, no trace. */
    public static LessonSettings defaults() {
        return new LessonSettings(List.of(), null, null, null, 1.0, false, Progress.NONE);
    }

    /** Every choice left to the lesson, a quarter of the work. */
    public static LessonSettings quick() {
        return defaults().withScale(QUICK_SCALE);
    }

    /**
     * A fresh interpreter for one run: the chosen mode and switch interval, or the lesson's
     * defaults, with tracing on if asked for.
     */
    public Interpreter interpreter(LockMode lessonMode, long lessonSwitchIntervalMicros) {
        return Interpreter.create(InterpreterConfig.of(modeOr(lessonMode))
                .withSwitchIntervalMicros(switchIntervalOr(lessonSwitchIntervalMicros))
                .withTrace(trace));
    }

    /** A fresh interpreter as {@link #interpreter()} makes, in {@code mode} whatever the settings say. */
    public Interpreter interpreterIn(LockMode mode) {
        return withMode(mode).interpreter();
    }

    /** A fresh interpreter with the lesson's defaults: the {@code switch} lock at 5 ms unless chosen otherwise. */
    public Interpreter interpreter() {
        return interpreter(LockMode.SWITCH, InterpreterConfig.DEFAULT_SWITCH_INTERVAL_MICROS);
    }

    public List<Integer> threadsOr(List<Integer> lessonDefault) {
        return threads.isEmpty() ? lessonDefault : threads;
    }

    public LockMode modeOr(LockMode lessonDefault) {
        return mode == null ? lessonDefault : mode;
    }

    public Binding bindingOr(Binding lessonDefault) {
        return binding == null ? lessonDefault : binding;
    }

    /** The chosen binding alone, or every native binding: for lessons that put bindings side by side. */
    public List<Binding> bindingOrEveryNative() {
        return binding != null ? List.of(binding) : Arrays.stream(Binding.values()).filter(Binding::isNative).toList();
    }

    public long switchIntervalOr(long lessonDefaultMicros) {
        return switchIntervalMicros == null ? lessonDefaultMicros : switchIntervalMicros;
    }

    /** {@code base} scaled, never below {@code min}. */
    public long scaled(long base, long min) {
        return Math.max(min, Math.round(base * scale));
    }

    public LessonSettings withThreads(List<Integer> t) {
        return new LessonSettings(t, mode, binding, switchIntervalMicros, scale, trace, progress);
    }

    public LessonSettings withMode(LockMode m) {
        return new LessonSettings(threads, m, binding, switchIntervalMicros, scale, trace, progress);
    }

    public LessonSettings withBinding(Binding b) {
        return new LessonSettings(threads, mode, b, switchIntervalMicros, scale, trace, progress);
    }

    public LessonSettings withSwitchIntervalMicros(Long micros) {
        return new LessonSettings(threads, mode, binding, micros, scale, trace, progress);
    }

    public LessonSettings withScale(double s) {
        return new LessonSettings(threads, mode, binding, switchIntervalMicros, s, trace, progress);
    }

    public LessonSettings withTrace(boolean on) {
        return new LessonSettings(threads, mode, binding, switchIntervalMicros, scale, on, progress);
    }

    public LessonSettings withProgress(Progress p) {
        return new LessonSettings(threads, mode, binding, switchIntervalMicros, scale, trace, p);
    }
}
