package dev.gillab.stdlib;

/**
 * A module-level {@code counter} that several threads increment: the shared variable of
 * lessons 15 and 16.
 *
 * <p>Each {@link #load()} and each {@link #store} is atomic on its own, as one bytecode is:
 * {@code LOAD_GLOBAL} and {@code STORE_GLOBAL} never tear, under the interpreter lock or, in the
 * free-threaded build, under the dictionary's own lock. (Here the field is volatile, so a store
 * is seen by the next load of any thread.) But {@code counter += 1} is a load, an add and a
 * store, and nothing makes the three one: a thread that loads, loses the processor, and stores
 * later overwrites every increment made in between. Those are lost updates, and
 * {@link #lost(long)} counts them exactly: each increment adds one, so whatever is missing from
 * the final value was overwritten.
 *
 * <p>It is the shared variable of {@code gillab fidelity}'s lost-update scenarios too: with the
 * lock (scenario 8) and without it (scenario 13).
 */
public final class SharedCounter {

    private volatile long value;

    /** {@code LOAD_GLOBAL counter}. */
    public long load() {
        return value;
    }

    /** {@code STORE_GLOBAL counter}. */
    public void store(long newValue) {
        value = newValue;
    }

    /** Increments lost, after {@code increments} increments in all have finished. */
    public long lost(long increments) {
        return increments - value;
    }

    /**
     * The share of increments lost, 0 to 1, after {@code increments} increments (at least one) in all have finished.
     */
    public double lostShare(long increments) {
        if (increments < 1) {
            throw new IllegalArgumentException("increments must be at least 1, was " + increments);
        }
        return (double) lost(increments) / increments;
    }
}
