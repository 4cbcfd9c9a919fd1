package dev.gillab.lock;

/**
 * The per-thread counters behind {@link LockStats}. Each is written only by the thread it
 * describes (the poster counts its drop requests, the taker its switches), so a counter is a
 * plain single-writer slot: see {@link ThreadStats}.
 */
enum Counter {
    /** Times the thread took the lock. */
    ACQUISITIONS,
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
    /** Acquisitions on the fast path: nobody to wait for; their wait is recorded as zero. */
    UNCONTENDED_ACQUISITIONS,
    /** Nanoseconds spent holding the lock, in the holdings timed exactly (see {@link ThreadStats}). */
    HELD_NANOS,
    /** Uncontended holdings timed as samples. */
    SAMPLED_HOLDINGS,
    /** Nanoseconds spent in the sampled holdings. */
    SAMPLED_HELD_NANOS,
    /** Uncontended holdings not timed; their time is estimated from the samples. */
    UNTIMED_HOLDINGS,
    /** Nanoseconds spent between asking for the lock and getting it. */
    WAITED_NANOS;

    static final Counter[] ALL = values();
    static final int SIZE = ALL.length;
}
