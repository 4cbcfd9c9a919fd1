package dev.gillab.lesson;

/** Told of each step a lesson finishes, to move a progress bar. */
@FunctionalInterface
public interface Progress {

    /** Nobody is watching. */
    Progress NONE = step -> { };

    /** A step finished; {@code step} says which, e.g. "2 threads". */
    void stepDone(String step);
}
