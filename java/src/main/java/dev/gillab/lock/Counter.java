package dev.gillab.lock;

/**
 * The per-thread counters behind {@link LockStats}. Each is written only by the thread it
 * describes (the poster counts its drop requests, the taker its switches), so a counter is a
 * plain single-writer slot: see {@link ThreadStats}. The uncontended path bumps as few of them
 * as it can; {@link ThreadStats} derives the rest (acquisitions are the slow ones plus the
 * uncontended ones; holdings neither exact nor sampled are the ended ones, which are the
 * releases, minus those).
 */
enum Counter {
    /** Times the thread took the lock through the slow path (see {@link #UNCONTENDED_ACQUISITIONS} for the others). */
    SLOW_ACQUISITIONS,
    /** Times it gave the lock up by choice, detaching included ({@link DropKind#VOLUNTARY}, {@link DropKind#FINAL}). */
    VOLUNTARY_RELEASES,
    /** Times the eval breaker made it drop the lock ({@link DropKind#FORCED}). */
    FORCED_DROPS,
    /** Drop requests this thread posted on a holder while it waited. */
    DROP_REQUESTS,
    /** Acquisitions that changed the last holder: CPython's {@code switch_number} increments. */
    SWITCHES,
    /** Wake-ups (not time-outs) after which the lock was still taken: the "GIL battle". */
    FUTILE_WAKEUPS,
    /** Timed waits that ran out (one switch interval each). */
    WAIT_TIMEOUTS,
    /** Drops that then waited until another thread took the lock ({@code FORCE_SWITCHING}). */
    SWITCH_WAITS,
    /** Eval-breaker polls. */
    POLLS,
    /** Released regions opened (native calls, callReleased, runReleased). */
    RELEASED_REGIONS,
    /** Blocking calls made through {@link Interpreter#blocking}. */
    BLOCKING_CALLS,
    /** Interrupts received while waiting for the lock (kept pending until it was taken). */
    INTERRUPTS,
    /** Times the thread took the lock on the fast path: nobody to wait for; the wait is recorded as zero. */
    UNCONTENDED_ACQUISITIONS,
    /** Holdings timed exactly (see {@link ThreadStats}). */
    EXACT_HOLDINGS,
    /** Nanoseconds spent in the holdings timed exactly. */
    HELD_NANOS,
    /** Uncontended holdings timed as samples of the untimed ones. */
    SAMPLED_HOLDINGS,
    /** Nanoseconds spent in the sampled holdings. */
    SAMPLED_HELD_NANOS,
    /** Nanoseconds spent between asking for the lock and getting it. */
    WAITED_NANOS,
    /** Times the thread ended holding the lock, which a waiting thread then released on its behalf. */
    DIED_HOLDING;

    static final Counter[] ALL = values();
    static final int SIZE = ALL.length;
}
