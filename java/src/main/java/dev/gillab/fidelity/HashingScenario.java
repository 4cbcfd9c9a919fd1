package dev.gillab.fidelity;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.kernel.Kernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Scenarios 3 and 4: SHA-256 of a buffer, called over and over, the same number of calls split
 * over 1 and 2 threads: how much a second thread helps depends on whether the hash runs with
 * the lock released, and for short calls on how long each call lasts.
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
 *
 * <h2>Calls of the same duration (scenario 4)</h2>
 *
 * With calls of a few microseconds, what two threads gain depends on how long a call lasts
 * (against how long a woken thread takes to run) and on how much of it is held (the chance
 * that a thread coming back finds the other one holding). gillab's portable C hashes the same
 * buffer several times slower than OpenSSL, and the Java around the call runs many times faster
 * than the Python around it; so scenario 4 sizes gillab's calls by time, in
 * two parts, from the durations CPython's side has just measured ({@code call@<size>B}, one
 * call on one thread, {@link Calibration#secondsPerCall}):
 * <ol>
 *   <li><b>The held part.</b> A CPython call on an empty buffer, {@code call@0B}, is the
 *       loop, the constructor and {@code digest()}, all held. gillab adds to each call an
 *       interpreted countdown, holding the lock and polling it, sized ({@link DurationMatch})
 *       so that its call on an empty buffer lasts as long.</li>
 *   <li><b>The whole call.</b> For each of CPython's sizes, gillab's buffer is sized so that
 *       its call, countdown included, lasts as long as CPython's on that size; it is hashed
 *       held or released by CPython's rule for CPython's size.</li>
 * </ol>
 * The rows keep CPython's sizes as their names. {@link Fidelity#run} runs each turn's CPython
 * side before its gillab side; the gillab side matches the durations of the latest CPython
 * turn, and without one (no python) hashes CPython's sizes as they are.
 */
public final class HashingScenario implements Scenario {

    private static final int KIB = 1024;
    /** CPython's figure for one call on a buffer of that many bytes: {@code call@<size>B}. */
    private static final String CALL = "call@";
    /** The matched duration of a whole call must be within this share of CPython's. */
    private static final double MATCHED_WITHIN = 0.25;
    /** The longest buffer gillab's side may hash to match a call, as a multiple of CPython's size. */
    private static final int MAX_LENGTH_FACTOR = 16;
    /** Calls made, unmeasured, before the matching: the JIT compiles the loop first. */
    private static final long WARM_UP_CALLS = 20_000;

    private final ScenarioInfo info;
    private final List<Integer> sizes;
    /** Each size's baseline lasts this share of the effort's target. */
    private final double shareOfTarget;
    /** Whether gillab's calls are sized to last as long as CPython's (scenario 4). */
    private final boolean matchDurations;
    /** The per-call durations of the latest CPython turn (null before one, or without python). */
    private Figures cpythonCalls;

    private HashingScenario(int number, String title, List<Integer> sizes, double shareOfTarget,
                            boolean matchDurations) {
        this.info = new ScenarioInfo(number, title, "speedup t_1 / t_2");
        this.sizes = List.copyOf(sizes);
        this.shareOfTarget = shareOfTarget;
        this.matchDurations = matchDurations;
    }

    /** Scenario 3: 64 MiB buffers. */
    public static HashingScenario bigBuffers() {
        return new HashingScenario(3, "sha256 over 64 MiB buffers, lock released", List.of(64 * KIB * KIB), 1.0, false);
    }

    /** Scenario 4: 1 KiB (held), 4 KiB and 64 KiB (released per call), gillab's calls as long as CPython's. */
    public static HashingScenario smallBuffers() {
        return new HashingScenario(4,
                "sha256 over small buffers, calls as long as CPython's: 1 KiB held, 4 and 64 KiB released",
                List.of(KIB, 4 * KIB, 64 * KIB), 0.5, true);
    }

    @Override
    public ScenarioInfo info() {
        return info;
    }

    @Override
    public List<Metric> metrics() {
        List<Metric> metrics = new ArrayList<>();
        for (int size : sizes) {
            String what = "2-thread speedup, " + (matchDurations ? "calls as long as " : "") + sizeLabel(size);
            metrics.add(Metric.ratio(what, key(1, size), key(2, size), Tolerance.RATIO));
        }
        return metrics;
    }

    @Override
    public Figures cpython(CPython python, Effort effort) {
        List<String> args = new ArrayList<>(List.of(
                "--sizes", sizes.stream().map(String::valueOf).collect(Collectors.joining(",")), "--threads", "1,2"));
        if (matchDurations) {
            args.add("--per-call");
        }
        Figures figures = python.run("hashing.py", "hashing", effort.withTarget(effort.targetSeconds() * shareOfTarget),
                args);
        if (matchDurations) {
            cpythonCalls = figures;
        }
        return figures;
    }

    @Override
    public Figures gillab(Effort effort) {
        Kernels ffm = Binding.FFM.kernels();
        Figures.Builder figures = Figures.builder();
        List<HashCall> calls = matchDurations && cpythonCalls != null
                ? matched(ffm, cpythonCalls, figures) : sizes.stream().map(HashCall::asInCPython).toList();
        long[] counts = new long[calls.size()];
        for (int s = 0; s < counts.length; s++) {
            HashCall call = calls.get(s);
            counts[s] = Calibration.even(Calibration.size(c -> seconds(ffm, call, c, 1), 1,
                    effort.targetSeconds() * shareOfTarget));
        }
        for (int r = 0; r < effort.repeats(); r++) {
            for (int s = 0; s < counts.length; s++) {
                for (int k = 1; k <= 2; k++) {
                    figures.add(key(k, sizes.get(s)), seconds(ffm, calls.get(s), counts[s], k));
                }
            }
        }
        return figures.build();
    }

    /**
     * gillab's calls, each lasting as long as CPython's on its size (see the class comment);
     * adds gillab's own {@code call@} figures to {@code figures}.
     */
    private List<HashCall> matched(Kernels ffm, Figures cpython, Figures.Builder figures) {
        seconds(ffm, new HashCall(HashlibSha256.GIL_MINSIZE, buffer(KIB), 100), WARM_UP_CALLS, 1);
        double heldSeconds = cpython.get(CALL + "0B").median();
        DurationMatch.Match held = DurationMatch.find(
                n -> secondsPerCall(ffm, new HashCall(0, buffer(0), n)), heldSeconds, 64, 0, 1 << 20);
        figures.add(CALL + "0B", held.seconds());
        List<HashCall> calls = new ArrayList<>();
        for (int size : sizes) {
            double target = cpython.get(CALL + size + "B").median();
            DurationMatch.Match whole = DurationMatch.find(
                    length -> secondsPerCall(ffm, new HashCall(size, buffer(Math.toIntExact(length)), held.size())),
                    target, Math.max(1, size / 8), 0, (long) MAX_LENGTH_FACTOR * size)
                    .requireWithin(target, MATCHED_WITHIN);
            figures.add(CALL + size + "B", whole.seconds());
            calls.add(new HashCall(size, buffer(Math.toIntExact(whole.size())), held.size()));
        }
        return calls;
    }

    /** One thread's seconds per call of {@code call}, as CPython's side measures it. */
    private static double secondsPerCall(Kernels ffm, HashCall call) {
        return Calibration.secondsPerCall(c -> seconds(ffm, call, c, 1));
    }

    /** {@code calls} calls split over {@code threads} threads: seconds. */
    private static double seconds(Kernels ffm, HashCall call, long calls, int threads) {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        HashlibSha256 sha256 = new HashlibSha256(interpreter, ffm);
        Kernels interpreted = KernelsUnderLock.interpreted(interpreter);
        long each = calls / threads;
        return ThreadedRun.run(interpreter, threads, "sha256", i -> {
            for (long c = 0; c < each; c++) {
                if (call.heldIterations() > 0) {
                    interpreted.countdown(call.heldIterations());
                }
                sha256.digest(call.buffer(), call.cpythonSize());
                interpreter.poll();
            }
        }).wallNanos() / 1e9;
    }

    /**
     * One call of the loop: {@code heldIterations} of interpreted countdown, then the digest of
     * {@code buffer}, held or released as hashlib would for {@code cpythonSize} bytes.
     */
    private record HashCall(int cpythonSize, byte[] buffer, long heldIterations) {

        /** CPython's size as it is, nothing added. */
        static HashCall asInCPython(int size) {
            return new HashCall(size, HashingScenario.buffer(size), 0);
        }
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
