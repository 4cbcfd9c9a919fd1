package dev.gillab.kernel;

/**
 * The poll countdown of one kernel call: {@link #tick()} at every back edge of the kernel's
 * ticking loop, and every {@code ticksPerPoll}-th tick polls the {@link EvalBreaker}.
 *
 * <p>A kernel creates one per call and keeps it on its own thread, so the counter needs no
 * synchronisation, and a call that makes {@code t} ticks polls exactly
 * {@code t / ticksPerPoll} times. The check is one decrement and one compare: once the JIT
 * inlines {@link #tick()} into a loop, escape analysis turns the two fields into locals, and
 * with {@link EvalBreaker#NONE} the inlined poll is empty, so the loop pays for a counter it
 * never acts on.
 */
final class Ticker {

    private final EvalBreaker breaker;
    private final int ticksPerPoll;
    private int ticksLeft;

    Ticker(EvalBreaker breaker, int ticksPerPoll) {
        this.breaker = breaker;
        this.ticksPerPoll = ticksPerPoll;
        this.ticksLeft = ticksPerPoll;
    }

    /** Counts one tick; polls the breaker, which may block or throw, when a poll is due. */
    void tick() {
        if (--ticksLeft == 0) {
            ticksLeft = ticksPerPoll;
            breaker.poll();
        }
    }
}
