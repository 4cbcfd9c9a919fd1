package dev.gillab.fidelity;

import dev.gillab.binding.Binding;
import dev.gillab.kernel.Kernels;
import dev.gillab.lesson.ThreadedRun;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Scenarios 3 and 4: SHA-256 of a buffer, called over and over, the same number of calls split
 * over 1 and 2 threads: how much a second thread helps depends on whether the hash runs with
 * the lock released.
 *
 * <p>CPython ({@code hashing.py}): {@code hashlib.sha256(buffer).digest()} in a Python loop;
 * hashlib releases the GIL from 2048 bytes up ({@code HASHLIB_GIL_MINSIZE}). gillab: the C
 * sha256 through FFM, held below 2048 bytes and released from there ({@link HashlibSha256}),
 * in a loop that polls the lock at its back edge as the Python loop does.
 *
 * <p>Big buffers (scenario 3) are almost all hashing, released: two threads should nearly halve
 * the time. Small buffers (scenario 4) show the threshold: 1 KiB is hashed holding the lock, so
 * a second thread cannot help; at 4 KiB and 64 KiB each call releases, and the share of the
 * work done holding the lock (the loop, the call) decides the speedup.
 */
public final class HashingScenario implements Scenario {

    private static final int KIB = 1024;

    private final ScenarioInfo info;
    private final List<Integer> sizes;
    /** Each size's baseline lasts this share of the effort's target. */
    private final double shareOfTarget;

    private HashingScenario(int number, String title, List<Integer> sizes, double shareOfTarget) {
        this.info = new ScenarioInfo(number, title, "speedup t_1 / t_2");
        this.sizes = List.copyOf(sizes);
        this.shareOfTarget = shareOfTarget;
    }

    /** Scenario 3: 64 MiB buffers. */
    public static HashingScenario bigBuffers() {
        return new HashingScenario(3, "sha256 over 64 MiB buffers, lock released", List.of(64 * KIB * KIB), 1.0);
    }

    /** Scenario 4: 1 KiB (held), 4 KiB and 64 KiB (released per call). */
    public static HashingScenario smallBuffers() {
        return new HashingScenario(4, "sha256 over small buffers: 1 KiB held, 4 and 64 KiB released",
                List.of(KIB, 4 * KIB, 64 * KIB), 0.5);
    }

    @Override
    public ScenarioInfo info() {
        return info;
    }

    @Override
    public List<Metric> metrics() {
        List<Metric> metrics = new ArrayList<>();
        for (int size : sizes) {
            metrics.add(Metric.ratio("2-thread speedup, " + sizeLabel(size), key(1, size), key(2, size), Tolerance.RATIO));
        }
        return metrics;
    }

    @Override
    public Figures cpython(CPython python, Effort effort) {
        return python.run("hashing.py", "hashing", effort.withTarget(effort.targetSeconds() * shareOfTarget), List.of(
                "--sizes", sizes.stream().map(String::valueOf).collect(Collectors.joining(",")), "--threads", "1,2"));
    }

    @Override
    public Figures gillab(Effort effort) {
        Kernels ffm = Binding.FFM.kernels();
        List<byte[]> buffers = sizes.stream().map(HashingScenario::buffer).toList();
        long[] calls = new long[sizes.size()];
        for (int s = 0; s < calls.length; s++) {
            byte[] buffer = buffers.get(s);
            calls[s] = Calibration.even(Calibration.size(c -> seconds(ffm, buffer, c, 1), 1,
                    effort.targetSeconds() * shareOfTarget));
        }
        Figures.Builder figures = Figures.builder();
        for (int r = 0; r < effort.repeats(); r++) {
            for (int s = 0; s < calls.length; s++) {
                for (int k = 1; k <= 2; k++) {
                    figures.add(key(k, sizes.get(s)), seconds(ffm, buffers.get(s), calls[s], k));
                }
            }
        }
        return figures.build();
    }

    /** {@code calls} digests of {@code buffer} split over {@code threads} threads: seconds. */
    private static double seconds(Kernels ffm, byte[] buffer, long calls, int threads) {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        HashlibSha256 sha256 = new HashlibSha256(interpreter, ffm);
        long each = calls / threads;
        return ThreadedRun.run(interpreter, threads, "sha256", i -> {
            for (long c = 0; c < each; c++) {
                sha256.digest(buffer);
                interpreter.poll();
            }
        }).wallNanos() / 1e9;
    }

    /** The same bytes as {@code hashing.py}'s: 0, 1, ..., 255, repeated. */
    private static byte[] buffer(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size - size % 256; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** The figure name shared with {@code hashing.py}: {@code t<threads>@<size>B}. */
    static String key(int threads, int size) {
        return "t" + threads + "@" + size + "B";
    }

    private static String sizeLabel(int size) {
        return size >= KIB * KIB ? size / (KIB * KIB) + " MiB" : size / KIB + " KiB";
    }
}
