package dev.gillab.stdlib;

/**
 * What may cross from one interpreter to another without pickling, and what the receiving
 * interpreter gets: PEP 734's "shareable objects", by the rules of CPython's cross-interpreter
 * data ({@code Python/crossinterp.c} in 3.13, {@code Python/crossinterp_data_lookup.h} in 3.14).
 *
 * <ul>
 *   <li><b>Immutable values</b> ({@code None}, {@code bool}, {@code int}, {@code float},
 *       {@code str}; here {@link Boolean}, {@link Long}, {@link Integer}, {@link Double} and
 *       {@link String}): CPython makes a new object with the same value in the receiving
 *       interpreter; nothing can change them, so handing over the same immutable Java object is
 *       the same thing.</li>
 *   <li><b>{@code bytes}</b> ({@code byte[]}): its data is copied into a new object in the
 *       receiving interpreter ({@code _new_bytes_object}: {@code PyBytes_FromStringAndSize}), a
 *       plain copy of the bytes, no encoding; the receiver gets its own array.</li>
 *   <li><b>Buffers and queues</b> ({@link SharedBuffer}, {@link InterpreterQueue}): cross as
 *       themselves, without a copy; both interpreters see the same one.</li>
 * </ul>
 * Anything else is refused, in the sending interpreter, before it crosses: mutable objects are
 * never shared between interpreters.
 */
public final class Shareable {

    private Shareable() {
    }

    /**
     * What the receiving interpreter gets for {@code value}: the value itself, or for a
     * {@code byte[]} a copy.
     *
     * @throws IllegalArgumentException if {@code value} is not shareable (null is refused too:
     *                                  Python's {@code None} is the one value a queue cannot hold here)
     */
    public static Object cross(Object value) {
        return switch (value) {
            case null -> throw new IllegalArgumentException("null cannot cross between interpreters");
            case byte[] bytes -> bytes.clone();
            case Boolean b -> b;
            case Integer i -> i;
            case Long l -> l;
            case Double d -> d;
            case String s -> s;
            case SharedBuffer buffer -> buffer;
            case InterpreterQueue queue -> queue;
            default -> throw new IllegalArgumentException(value.getClass().getSimpleName() + " is not shareable "
                    + "between interpreters (shareable: Boolean, Integer, Long, Double, String, byte[], SharedBuffer, "
                    + "InterpreterQueue); send it as a pool task's arguments, which are copied");
        };
    }
}
