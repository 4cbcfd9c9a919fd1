package dev.gillab.stdlib;

import java.util.Objects;

/**
 * A buffer of doubles that crosses from one interpreter to another without a copy: the
 * {@code memoryview} of PEP 734's shareable objects. Where an argument that crosses by copying is
 * duplicated in the receiving interpreter, a shared buffer arrives as itself: both interpreters
 * read and write the same memory, as a {@code memoryview} sent to another CPython interpreter
 * is a view on the sender's buffer ({@code XIBufferViewObject}, {@code Modules/_interpretersmodule.c}).
 *
 * <p>Nothing orders the two sides' accesses: as in CPython, where the two interpreters hold
 * different locks, a program hands the buffer over (a task's start and end, a
 * {@link InterpreterQueue}) and does not touch it while the other side works on it.
 */
public final class SharedBuffer {

    private final double[] values;

    private SharedBuffer(double[] values) {
        this.values = values;
    }

    /**
     * A buffer of {@code length} zeros.
     *
     * @throws IllegalArgumentException if {@code length} is negative
     */
    public static SharedBuffer ofLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, was " + length);
        }
        return new SharedBuffer(new double[length]);
    }

    /** A buffer holding a copy of {@code values}: made once, in the interpreter that creates it. */
    public static SharedBuffer copyOf(double[] values) {
        return new SharedBuffer(Objects.requireNonNull(values, "values").clone());
    }

    /** How many doubles it holds. */
    public int length() {
        return values.length;
    }

    /** The value at {@code index}. */
    public double get(int index) {
        return values[index];
    }

    /** Sets the value at {@code index}. */
    public void set(int index, double value) {
        values[index] = value;
    }

    /** A copy of the values, as they are now. */
    public double[] toArray() {
        return values.clone();
    }

    /** The memory itself, for the tasks that work on it in place. */
    double[] memory() {
        return values;
    }

    /** Copies {@code from} into the buffer at 0. */
    void write(double[] from) {
        System.arraycopy(from, 0, values, 0, from.length);
    }

    @Override
    public String toString() {
        return "SharedBuffer[" + values.length + " doubles" + (values.length > 0 ? ", first " + values[0] : "") + "]";
    }
}
