package dev.gillab.fidelity;

/** Whether gillab's figure matches CPython's, and if not, how it fails. */
public enum Judgement {

    /** Same direction, and within the tolerance. */
    HOLDS("holds"),
    /** Same direction, but further from CPython's figure than the tolerance allows. */
    OUTSIDE_TOLERANCE("no: outside tolerance"),
    /** One side goes one way (slower, loses updates), the other the other way. */
    OPPOSITE_DIRECTION("no: opposite direction"),
    /** CPython's side did not run (no python3, or its script failed): nothing to compare with. */
    NO_CPYTHON("no CPython figure"),
    /** gillab's side did not run (e.g. the native library is missing). */
    NO_GILLAB("no gillab figure"),
    /** Neither side ran: the scenario needs something absent (the free-threaded build), the note says what. */
    SKIPPED("skipped");

    private final String label;

    Judgement(String label) {
        this.label = label;
    }

    /** What the table prints. */
    public String label() {
        return label;
    }

    /** Whether the comparison was made at all (both figures exist). */
    public boolean compared() {
        return this == HOLDS || this == OUTSIDE_TOLERANCE || this == OPPOSITE_DIRECTION;
    }
}
