package dev.gillab.lock;

import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.Region;
import java.util.concurrent.locks.LockSupport;

/**
 * A stand-in for native kernels: trivial results, and a hook that runs inside every call so a
 * test can see what the lock looks like from inside (or hold the call open).
 */
public final class FakeKernels implements Kernels {

    /** Runs at the start of every call. */
    public volatile Runnable insideCall = () -> { };

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public long countdown(long n) {
        insideCall.run();
        return n;
    }

    @Override
    public long fib(int n) {
        insideCall.run();
        long a = 0;
        long b = 1;
        for (int i = 0; i < n; i++) {
            long next = a + b;
            a = b;
            b = next;
        }
        return a;
    }

    @Override
    public double pi(long steps) {
        insideCall.run();
        return Math.PI;
    }

    @Override
    public double[] matmul(double[] a, double[] b, int n) {
        insideCall.run();
        return new double[n * n];
    }

    @Override
    public int[] mandelbrot(int width, int height, int maxIter, Region region) {
        insideCall.run();
        return new int[width * height];
    }

    @Override
    public byte[] sha256(byte[] data) {
        insideCall.run();
        return new byte[32];
    }

    @Override
    public int primes(int limit) {
        insideCall.run();
        return 0;
    }

    @Override
    public double sum(double[] values, int length) {
        insideCall.run();
        return 0;
    }

    @Override
    public void noop() {
        insideCall.run();
    }

    @Override
    public int add(int a, int b) {
        insideCall.run();
        return a + b;
    }

    @Override
    public void sleepMicros(long micros) {
        insideCall.run();
        LockSupport.parkNanos(micros * 1_000);
    }
}
