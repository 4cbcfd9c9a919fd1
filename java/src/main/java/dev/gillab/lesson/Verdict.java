package dev.gillab.lesson;

/**
 * What a lesson's pattern is, said in its class name as jcstress and JMH samples do:
 * {@code Lesson02_BrokenNativeHoldsTheLock}, {@code Lesson04_InefficientReleaseTooShort}.
 */
public enum Verdict {
    /** The way to do it. */
    RIGHT("right"),
    /** Wrong: it loses parallelism or correctness. */
    BROKEN("broken"),
    /** Correct, but it costs more than it saves. */
    INEFFICIENT("inefficient"),
    /** Neither right nor wrong: how the lock behaves. */
    SHOWS("shows");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
