package dev.gillab.kernel;

import java.time.Duration;

/**
 * Every kernel in pure Java: the "interpreted" side of gillab, the code that runs while a thread
 * holds the simulated interpreter lock.
 *
 * <h2>What</h2>
 * The kernels of {@code native/include/gillab.h}, written as plain loops, with the same
 * semantics and the same results as the C functions: countdown, fib, pi, matmul, mandelbrot,
 * sha256 (by hand, see {@link Sha256}), primes, sum, noop, add and sleepMicros.
 *
 * <h2>Interpreted mode: polling the eval breaker</h2>
 * CPython's eval loop checks its eval breaker at every loop back edge and call, and that
 * check is where a thread asked to drop the interpreter lock drops it. These kernels do the
 * same: each one counts a tick at the back edge of one chosen loop (or on each call of the
 * recursive fib) and polls the {@link EvalBreaker} every k ticks, k coming from
 * {@link TicksPerPoll}, which documents each kernel's tick and default. A call making t ticks
 * polls exactly t / k times. A breaker may block inside {@code poll()} while the lock is handed
 * over, and anything it throws propagates out of the kernel, which stops where it was.
 *
 * <p>The check is written into each loop as {@code if (polling && --ticksLeft == 0)}, with the
 * counter in a local variable, so that it stays a register decrement and compare whatever the
 * JIT decides to inline. With {@link EvalBreaker#NONE} (the no-argument constructor) there is
 * nothing to poll, {@code polling} is false, and the JIT hoists the loop-invariant test out of
 * the loop: the kernels then run as plain Java loops. Measured with JDK 25 on a 2-core x86-64
 * machine, against the same loops with no polling code: within 3% with {@code NONE}; with an
 * empty breaker other than {@code NONE}, which counts and polls at every tick, the same for
 * countdown, pi and matmul, 1.45x for fib(32) and 1.8x for primes(2*10^7), whose one-byte
 * loops are the cheapest per tick. That is the price of interpreted mode, not of {@code NONE}.
 *
 * <h2>Cost</h2>
 * As documented per kernel in the header: O(n) countdown, O(1.618^n) fib, O(steps) pi, O(n^3)
 * matmul, O(width * height * maxIter) mandelbrot, O(length) sha256, O(limit log log limit)
 * primes, O(length) sum. Each call allocates only its result and, for sha256 and primes, its
 * working memory.
 *
 * <h2>Matching C bit for bit</h2>
 * Java's double arithmetic is strict IEEE 754 (since Java 17) and never fuses a multiply and an
 * add; the C library is compiled with {@code -ffp-contract=off} and without
 * {@code -ffast-math}. Both evaluate each expression left to right, and the loops below keep
 * the header's order: pi and sum add i = 0, 1, ... in one accumulator; matmul runs i, k, j so
 * that each {@code c[i][j]} adds its k terms in ascending k starting from 0.0; mandelbrot computes
 * {@code xMin + (xMax - xMin) * (px + 0.5) / width} and steps {@code zr*zr - zi*zi + cx},
 * {@code 2.0*zr*zi + cy} from the old z. Integer kernels wrap as C's unsigned types do.
 *
 * <h2>Threads and input</h2>
 * Instances are immutable and thread safe; each call keeps its state on its own stack. The
 * arguments are assumed valid: wrap this in {@link CheckedKernels} to have them checked.
 */
public final class JavaKernels implements Kernels {

    /** The kernels' name, and the id of {@link dev.gillab.binding.Binding#JAVA} that runs them. */
    public static final String NAME = "java";

    /** FNV-1a 64-bit offset basis, 14695981039346656037 as an unsigned number. */
    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    /** FNV-1a 64-bit prime. */
    private static final long FNV_PRIME = 1099511628211L;

    private final EvalBreaker breaker;
    private final TicksPerPoll ticksPerPoll;
    /** False for {@link EvalBreaker#NONE}: nothing to poll, so no ticks are counted either. */
    private final boolean polling;

    /** Plain Java: no breaker to poll ({@link EvalBreaker#NONE}), {@link TicksPerPoll#EVERY_TICK}. */
    public JavaKernels() {
        this(EvalBreaker.NONE, TicksPerPoll.EVERY_TICK);
    }

    /** Interpreted mode: polls {@code breaker} as often as {@code ticksPerPoll} says. */
    public JavaKernels(EvalBreaker breaker, TicksPerPoll ticksPerPoll) {
        if (breaker == null) {
            throw new NullPointerException("breaker must not be null");
        }
        if (ticksPerPoll == null) {
            throw new NullPointerException("ticksPerPoll must not be null");
        }
        this.breaker = breaker;
        this.ticksPerPoll = ticksPerPoll;
        this.polling = breaker != EvalBreaker.NONE;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Folds n, n-1, ..., 1 into an FNV-1a style hash: {@code h ^= n; h *= prime} per step.
     *
     * <p>Two shapes of the same loop, because the countdown is the kernel whose polling cost is
     * benchmarked ({@code PollBenchmark}) and its step is the cheapest of all, so the shape of
     * the check shows: polling at every step, the check is written into the loop as in the other
     * kernels; polling every k > 1 steps, the steps run in chunks of k, so that the inner loop
     * is the bare step, which the JIT compiles as it compiles the loop without polling, and the
     * check runs once per chunk. (Measured: the per-step check polling every 100 steps ran 5%
     * slower than no polling even with an empty breaker; chunks polling at every step ran 40%
     * slower than the per-step check.) Both poll after every k-th step, t / k times in all.
     */
    @Override
    public long countdown(long n) {
        int perPoll = ticksPerPoll.countdown();
        long h = FNV_OFFSET_BASIS;
        if (!polling || perPoll == 1) {
            boolean polling = this.polling;
            while (n > 0) {
                h ^= n;
                h *= FNV_PRIME;
                n -= 1;
                if (polling) {
                    breaker.poll();
                }
            }
            return h;
        }
        while (n > 0) {
            int chunk = (int) Math.min(n, perPoll);
            for (int i = 0; i < chunk; i++) {
                h ^= n;
                h *= FNV_PRIME;
                n -= 1;
            }
            if (chunk == perPoll) {
                breaker.poll();
            }
        }
        return h;
    }

    @Override
    public long fib(int n) {
        return fib(n, polling ? new Ticker(breaker, ticksPerPoll.fib()) : Ticker.IDLE);
    }

    private static long fib(int n, Ticker ticker) {
        ticker.tick();
        if (n < 2) {
            return n;
        }
        return fib(n - 1, ticker) + fib(n - 2, ticker);
    }

    @Override
    public double pi(long steps) {
        boolean polling = this.polling;
        int perPoll = ticksPerPoll.pi();
        int ticksLeft = perPoll;
        double h = 1.0 / steps;
        double sum = 0.0;
        for (long i = 0; i < steps; i++) {
            double x = (i + 0.5) * h;
            sum += 4.0 / (1.0 + x * x);
            if (polling && --ticksLeft == 0) {
                ticksLeft = perPoll;
                breaker.poll();
            }
        }
        return sum * h;
    }

    @Override
    public double[] matmul(double[] a, double[] b, int n) {
        boolean polling = this.polling;
        int perPoll = ticksPerPoll.matmul();
        int ticksLeft = perPoll;
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int k = 0; k < n; k++) {
                double aik = a[row + k];
                int bRow = k * n;
                for (int j = 0; j < n; j++) {
                    c[row + j] += aik * b[bRow + j];
                }
                if (polling && --ticksLeft == 0) {
                    ticksLeft = perPoll;
                    breaker.poll();
                }
            }
        }
        return c;
    }

    @Override
    public int[] mandelbrot(int width, int height, int maxIter, Region region) {
        boolean polling = this.polling;
        int perPoll = ticksPerPoll.mandelbrot();
        int ticksLeft = perPoll;
        double xMin = region.xMin(), xMax = region.xMax();
        double yMin = region.yMin(), yMax = region.yMax();
        int[] out = new int[width * height];
        for (int py = 0; py < height; py++) {
            double cy = yMin + (yMax - yMin) * (py + 0.5) / height;
            for (int px = 0; px < width; px++) {
                double cx = xMin + (xMax - xMin) * (px + 0.5) / width;
                double zr = 0.0;
                double zi = 0.0;
                int count = 0;
                while (zr * zr + zi * zi <= 4.0 && count < maxIter) {
                    double nextZr = zr * zr - zi * zi + cx;
                    zi = 2.0 * zr * zi + cy;
                    zr = nextZr;
                    count++;
                    if (polling && --ticksLeft == 0) {
                        ticksLeft = perPoll;
                        breaker.poll();
                    }
                }
                out[py * width + px] = count;
            }
        }
        return out;
    }

    @Override
    public byte[] sha256(byte[] data) {
        return Sha256.digest(data, polling ? new Ticker(breaker, ticksPerPoll.sha256()) : Ticker.IDLE);
    }

    /**
     * The sieve of Eratosthenes, one byte (a boolean) per number as in C: every prime p with
     * p * p below the limit crosses off its multiples from p * p, then the numbers 2 .. limit-1
     * left standing are counted.
     */
    @Override
    public int primes(int limit) {
        if (limit < 3) {
            return 0;
        }
        boolean polling = this.polling;
        int perPoll = ticksPerPoll.primes();
        int ticksLeft = perPoll;
        boolean[] composite = new boolean[limit];
        for (long p = 2; p * p < limit; p++) {
            if (!composite[(int) p]) {
                for (long m = p * p; m < limit; m += p) {
                    composite[(int) m] = true;
                    if (polling && --ticksLeft == 0) {
                        ticksLeft = perPoll;
                        breaker.poll();
                    }
                }
            }
        }
        int count = 0;
        for (int i = 2; i < limit; i++) {
            if (!composite[i]) {
                count++;
            }
            if (polling && --ticksLeft == 0) {
                ticksLeft = perPoll;
                breaker.poll();
            }
        }
        return count;
    }

    /**
     * One accumulator, ascending index, as in C. No ticks, even in interpreted mode: this is
     * CPython's builtin {@code sum()} over a list of floats, a C loop that holds the lock and
     * never checks the eval breaker, so a long sum delays every other thread by its whole length.
     */
    @Override
    public double sum(double[] values, int length) {
        double sum = 0.0;
        for (int i = 0; i < length; i++) {
            sum += values[i];
        }
        return sum;
    }

    @Override
    public void noop() {
    }

    @Override
    public int add(int a, int b) {
        return a + b;
    }

    /**
     * Sleeps until {@code micros} microseconds have passed on {@link System#nanoTime()},
     * sleeping again after any early wake-up, as the C kernel resumes {@code nanosleep} after a
     * signal.
     *
     * <p>Interrupts: an interrupt (one pending on entry, or one arriving during the sleep) ends
     * the sleep early. The method then returns normally with the thread's interrupt flag set
     * again, so that the caller, typically a benchmark thread being shut down, sees it at its
     * next blocking call or check. It never throws: {@link Kernels#sleepMicros} declares no
     * checked exception, and the time actually slept is the caller's to measure.
     */
    @Override
    public void sleepMicros(long micros) {
        long deadline = System.nanoTime() + micros * 1_000L;
        for (long left = micros * 1_000L; left > 0; left = deadline - System.nanoTime()) {
            try {
                Thread.sleep(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
