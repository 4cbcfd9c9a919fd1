package dev.gillab.kernel;

/**
 * How often each pure-Java kernel polls its {@link EvalBreaker}: once every so many ticks.
 *
 * <h2>Ticks and polls</h2>
 * CPython's eval loop checks its eval breaker at every loop back edge and on function entry,
 * so a thread that was asked to drop the interpreter lock notices within one loop iteration.
 * {@link JavaKernels} imitates that: each kernel names one loop as its <em>ticking</em> loop,
 * counts one tick per iteration of it (or per call, for the recursive {@code fib}), and polls
 * the breaker on every {@code k}-th tick, where {@code k} is this record's value for that
 * kernel. A kernel call that makes {@code t} ticks therefore polls exactly {@code t / k}
 * times (integer division): the count starts afresh with every call. With
 * {@link EvalBreaker#NONE} there is nothing to poll and no tick is counted.
 *
 * <h2>The defaults, and why each is 1</h2>
 * {@link #EVERY_TICK} polls at every tick, which is what CPython does at every back edge. The
 * per-kernel choice is <em>which</em> loop ticks, and it is made so that one tick is at most
 * about a microsecond of work, three orders of magnitude below CPython's default switch
 * interval of 5 ms; a coarser {@code k} would only add latency to the hand-over:
 * <ul>
 *   <li>{@link #countdown}: one tick per iteration, the back edge of {@code while n > 0}
 *       itself: the experiment the whole lock story is told with. About 1 ns each.</li>
 *   <li>{@link #fib}: one tick per call, entry included, as CPython polls on calls; fib(n)
 *       makes {@code 2 fib(n+1) - 1} of them. A few ns each.</li>
 *   <li>{@link #pi}: one tick per interval of the midpoint sum. A few ns each.</li>
 *   <li>{@link #matmul}: one tick per row update {@code c[i][*] += a[i][k] * b[k][*]}, that
 *       is per {@code (i, k)} pair, {@code n * n} in all. The innermost loop over {@code j}
 *       stays free of the poll so that the JIT can vectorise it; a row is at most
 *       {@link KernelArguments#MATMUL_MAX_N} multiply-adds, about a microsecond.</li>
 *   <li>{@link #mandelbrot}: one tick per escape-time step {@code z = z*z + c}, so that a
 *       pixel inside the set with a huge {@code maxIter} cannot hold off a poll; the total is
 *       the sum of the returned counts. A few ns each.</li>
 *   <li>{@link #sha256}: one tick per 64-byte block compressed, padding blocks included,
 *       {@code (length + 9 + 63) / 64} in all. About 64 rounds, a few hundred ns.</li>
 *   <li>{@link #primes}: one tick per multiple crossed off by the sieve and one per number
 *       counted afterwards. About 1 ns each.</li>
 * </ul>
 * {@code noop}, {@code add} and {@code sleepMicros} have no loop and never poll: holding or
 * releasing the lock around a whole call is the job of the lock's decorators, not of a
 * kernel. {@code sum} has a loop and still never polls: it stands for CPython's builtin
 * {@code sum()}, a C loop that runs holding the lock without checking the eval breaker. {@link #uniform(int)} coarsens
 * every kernel alike, e.g. {@code uniform(100)} for the old GIL's check interval of 100 ticks.
 *
 * @param countdown  ticks per poll of {@code countdown}, a tick being one loop iteration
 * @param fib        ticks per poll of {@code fib}, a tick being one recursive call
 * @param pi         ticks per poll of {@code pi}, a tick being one interval
 * @param matmul     ticks per poll of {@code matmul}, a tick being one row update
 * @param mandelbrot ticks per poll of {@code mandelbrot}, a tick being one escape-time step
 * @param sha256     ticks per poll of {@code sha256}, a tick being one 64-byte block
 * @param primes     ticks per poll of {@code primes}, a tick being one sieve mark or count
 */
public record TicksPerPoll(int countdown, int fib, int pi, int matmul, int mandelbrot,
                           int sha256, int primes) {

    /** Poll at every tick of every kernel: CPython's check at each back edge. The default. */
    public static final TicksPerPoll EVERY_TICK = uniform(1);

    /** Every value must be at least 1. */
    public TicksPerPoll {
        requirePositive("countdown", countdown);
        requirePositive("fib", fib);
        requirePositive("pi", pi);
        requirePositive("matmul", matmul);
        requirePositive("mandelbrot", mandelbrot);
        requirePositive("sha256", sha256);
        requirePositive("primes", primes);
    }

    /** The same number of ticks per poll for every kernel; {@code k >= 1}. */
    public static TicksPerPoll uniform(int k) {
        return new TicksPerPoll(k, k, k, k, k, k, k);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(
                    name + " ticks per poll must be in 1.." + Integer.MAX_VALUE + ", was " + value);
        }
    }
}
