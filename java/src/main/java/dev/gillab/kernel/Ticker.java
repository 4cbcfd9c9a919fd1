package dev.gillab.kernel;

/**
 * The poll countdown of one kernel call, for ticks that do not happen in a single loop of one
 * method: the calls of the recursive fib and the blocks of {@link Sha256}. {@link #tick()} at
 * each of them, and every {@code ticksPerPoll}-th tick polls the {@link EvalBreaker}.
 *
 * <p>A kernel creates one per call and keeps it on its own thread, so the counter needs no
 * synchronisation, and a call making {@code t} ticks polls exactly {@code t / ticksPerPoll}
 * times. {@link #IDLE} stands in when there is no breaker: it never counts, so it has no state
 * to share between threads, and the recursive fib does not pay a load and store of the
 * counter on every call. (Loops inside {@link JavaKernels} keep their counter in a local
 * variable instead, where the JIT holds it in a register whether or not it inlines anything.)
 */
final class Ticker {

    /** Ticks without counting or polling: for {@link EvalBreaker#NONE}. */
    static final Ticker IDLE = new Ticker(EvalBreaker.NONE, 1, false);

    private final EvalBreaker breaker;
    private final int ticksPerPoll;
    private final boolean polling;
    private int ticksLeft;

    /** Polls {@code breaker} every {@code ticksPerPoll} ticks. */
    Ticker(EvalBreaker breaker, int ticksPerPoll) {
        this(breaker, ticksPerPoll, true);
    }

    private Ticker(EvalBreaker breaker, int ticksPerPoll, boolean polling) {
        this.breaker = breaker;
        this.ticksPerPoll = ticksPerPoll;
        this.polling = polling;
        this.ticksLeft = ticksPerPoll;
    }

    /** Counts one tick; polls the breaker, which may block or throw, when a poll is due. */
    void tick() {
        if (polling && --ticksLeft == 0) {
            ticksLeft = ticksPerPoll;
            breaker.poll();
        }
    }
}
