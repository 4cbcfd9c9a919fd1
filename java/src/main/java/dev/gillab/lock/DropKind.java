package dev.gillab.lock;

/** Why a thread gave the lock up: the three ways into CPython's {@code drop_gil}. */
public enum DropKind {

    /** The thread chose to: a released region, a blocking call, the end of an {@code ensure()}. */
    VOLUNTARY,

    /** The eval breaker told it to: a drop request (switch, priority) or the tick counter (ticks). */
    FORCED,

    /** The thread is leaving the interpreter (detach, last {@code ensure()} closed): never waits for a hand-off. */
    FINAL
}
