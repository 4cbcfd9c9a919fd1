package dev.gillab.experiment;

import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.Region;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A probe that counts the kernel calls in flight: how many threads were inside a kernel at
 * the same moment (at most), and for how long two or more were. It answers the question a
 * lesson about releasing the lock asks, "did the native calls ever run at the same time?",
 * by counting rather than by timing, so the answer does not depend on how busy the machine is.
 *
 * <p>Put it between the lock and the native code, so that it sees the call and not the wait
 * for the lock: {@code KernelsUnderLock.releasing(interpreter, new InFlightProbe(binding.kernels()))}.
 * Under {@code KernelsUnderLock.holding} the most in flight is 1 whatever the thread count;
 * under {@code releasing} it reaches the thread count, on any number of cores (the operating
 * system interleaves calls that it cannot run at once).
 *
 * <p>Every call goes through one monitor on entry and one on exit: a few tens of nanoseconds,
 * meant for calls of microseconds or more.
 */
public final class InFlightProbe implements Kernels {

    private final Kernels delegate;

    // All guarded by this.
    /** Calls entered and not yet returned. */
    private int inFlight;
    /** The most calls in flight at once since creation. */
    private int maxInFlight;
    /** Calls entered since creation. */
    private long calls;
    /** Wall time, in nanoseconds, during which two or more calls were in flight. */
    private long overlapNanos;
    /** When {@link #inFlight} last changed, from {@link System#nanoTime()}. */
    private long changedAt;

    public InFlightProbe(Kernels delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The most calls that were in flight at the same moment. */
    public synchronized int maxInFlight() {
        return maxInFlight;
    }

    /** Calls in flight now. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** Calls entered so far. */
    public synchronized long calls() {
        return calls;
    }

    /** Wall time during which two or more calls were in flight, in nanoseconds (complete once no call is in flight). */
    public synchronized long overlapNanos() {
        return overlapNanos;
    }

    private synchronized void enter() {
        advance();
        inFlight++;
        calls++;
        maxInFlight = Math.max(maxInFlight, inFlight);
    }

    private synchronized void exit() {
        advance();
        inFlight--;
    }

    /** Credits the time since the last change to the overlap, if two or more calls were in flight. */
    private void advance() {
        long now = System.nanoTime();
        if (inFlight >= 2) {
            overlapNanos += now - changedAt;
        }
        changedAt = now;
    }

    private <T> T count(Supplier<T> call) {
        enter();
        try {
            return call.get();
        } finally {
            exit();
        }
    }

    private void count(Runnable call) {
        enter();
        try {
            call.run();
        } finally {
            exit();
        }
    }

    @Override
    public String name() {
        return delegate.name() + "+probe";
    }

    @Override
    public long countdown(long n) {
        return count(() -> delegate.countdown(n));
    }

    @Override
    public long fib(int n) {
        return count(() -> delegate.fib(n));
    }

    @Override
    public double pi(long steps) {
        return count(() -> delegate.pi(steps));
    }

    @Override
    public double[] matmul(double[] a, double[] b, int n) {
        return count(() -> delegate.matmul(a, b, n));
    }

    @Override
    public int[] mandelbrot(int width, int height, int maxIter, Region region) {
        return count(() -> delegate.mandelbrot(width, height, maxIter, region));
    }

    @Override
    public byte[] sha256(byte[] data) {
        return count(() -> delegate.sha256(data));
    }

    @Override
    public int primes(int limit) {
        return count(() -> delegate.primes(limit));
    }

    @Override
    public double sum(double[] values, int length) {
        return count(() -> delegate.sum(values, length));
    }

    @Override
    public void noop() {
        count(delegate::noop);
    }

    @Override
    public int add(int a, int b) {
        return count(() -> delegate.add(a, b));
    }

    @Override
    public void sleepMicros(long micros) {
        count(() -> delegate.sleepMicros(micros));
    }
}
