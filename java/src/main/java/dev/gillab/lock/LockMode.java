package dev.gillab.lock;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The rules an {@link Interpreter}'s lock follows. Every mode shares the same thread states,
 * statistics and trace; they differ only in when a waiter may take the lock and when the
 * holder must give it up.
 */
public enum LockMode {

    /** CPython 3.2 and later: waiters ask the holder to drop after one switch interval ({@link SwitchGil}). */
    SWITCH("switch", "CPython 3.2+: drop request after one switch interval, forced switching"),

    /** CPython 3.1 and earlier: release and re-take every N polls, no hand-off ({@link TicksGil}). */
    TICKS("ticks", "CPython <= 3.1: release and re-take every check interval, no fairness"),

    /** Free-threaded CPython (PEP 703): no mutual exclusion at all ({@link NoGil}). */
    FREE("free", "free-threaded CPython: no mutual exclusion"),

    /** Beazley's proposal: I/O-bound threads preempt CPU-bound holders at once ({@link PriorityGil}). */
    PRIORITY("priority", "Beazley's proposal: I/O-bound threads preempt CPU-bound ones at once");

    private final String id;
    private final String description;

    LockMode(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The short name used on command lines and in reports: {@code switch}, {@code ticks}, ... */
    public String id() {
        return id;
    }

    /** One line saying what the mode simulates. */
    public String description() {
        return description;
    }

    /** The mode named {@code id} (case-insensitive); the error lists the valid names. */
    public static LockMode fromId(String id) {
        for (LockMode mode : values()) {
            if (mode.id.equalsIgnoreCase(id.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown lock mode '" + id + "'; valid modes: "
                + Arrays.stream(values()).map(LockMode::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
