package dev.gillab.lesson.catalogue;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.CallTimer;
import dev.gillab.experiment.InFlightProbe;
import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.experiment.Units;
import dev.gillab.kernel.Kernel;
import dev.gillab.kernel.Kernels;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Verdict;
import dev.gillab.lock.Interpreter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * <h2>Lesson 09: passing arrays to a released call: copy, pin, or reuse</h2>
 *
 * <p>The problem. A native call that works on an array needs the array's contents where C can
 * read them. There are three ways, and each binding picks one: copy the array into native
 * memory and back on every call; pin the Java array and hand C the heap memory itself; or keep
 * the data in native memory reused from call to call. Copying costs a fixed setup per call
 * (allocating the native memory) plus a memcpy per byte; pinning costs nothing per byte, but
 * while the call runs the JVM may not be able to move, or even collect, anything: a long
 * pinned call can stall every thread that needs the garbage collector. The rule: pin only for
 * short calls, which is also where pinning pays.
 *
 * <p>The real-world analogue. CPython's buffer protocol ({@code PyObject_GetBuffer}) hands C a
 * pointer into a {@code bytes}, {@code bytearray} or NumPy array without a copy, and the
 * object may not be resized while the buffer is held; ctypes {@code from_buffer} against
 * {@code from_buffer_copy}. In Java: JNA copies primitive arrays (or uses {@code Memory}); JNI
 * has {@code Get<Type>ArrayElements} (which may copy) and {@code GetPrimitiveArrayCritical}
 * (which pins, with rules); FFM copies into an {@code Arena} unless the downcall is linked
 * {@code Linker.Option.critical(true)}, which takes heap segments and, says its documentation,
 * is meant for very short calls.
 *
 * <p>What runs here, with the lock released around each call ({@link KernelsUnderLock#releasing}):
 * <ol>
 *   <li>{@code matmul} of n x n doubles, n = 4 to 256 (16 to 65,536 doubles per matrix; two
 *       matrices in and one out per call), through every native binding: copying ({@code jna},
 *       {@code jna-direct}, {@code javacpp}, {@code ffm}), pinned ({@code javacpp-critical},
 *       {@code ffm-critical}), and reused native memory ({@code jna-memory}, which still
 *       copies, but into buffers it keeps); timed per call by a {@link CallTimer}, each size
 *       with every binding in turn. Every binding's product is checked against pure Java's,
 *       bit for bit.</li>
 *   <li>The GC test: one thread hashes a large array ({@code sha256} of 64 MiB at scale 1, a few
 *       hundred milliseconds) in one call, alone, then again; once the second call is running
 *       (seen by an {@link InFlightProbe}), a second thread asks the JVM for a full collection
 *       ({@code System.gc()}) and times how long it waits. Through {@code ffm} (copied),
 *       {@code ffm-critical} (heap segment) and {@code javacpp-critical} (JNI critical
 *       region).</li>
 * </ol>
 *
 * <p>What to observe. Part 1: at 4 x 4 the product is a few dozen multiply-adds and the call is
 * mostly the binding's setup: the pinned bindings beat their copying twins, and
 * {@code jna-memory} beats {@code jna} by several times (JNA allocates native memory for every
 * array of every call). From 64 x 64 on, the O(n^3) arithmetic buries the O(n^2) copying and
 * every binding is within a few percent. In those rows "wall ms" and "speedup" are the largest
 * size's, the speedup against {@code ffm}. Part 2: through {@code ffm} the collection takes its
 * usual tens of milliseconds; through {@code ffm-critical} it waits for the whole rest of the
 * call, because a critical downcall never leaves the Java thread state, so no safepoint can
 * begin until it returns, and every other thread that needs one stops too. With G1, JNI
 * critical regions only pin their own heap region (JEP 423, JDK 22), so {@code javacpp-critical}
 * does not hold the collector; with the Serial or Parallel collector it would (the GC locker).
 *
 * <p>Expected: at 4 x 4, pinned 1.2x to 3x faster than the same binding copying, and
 * {@code jna-memory} 3x to 6x faster than {@code jna}; at 256 x 256 all within 10%; the
 * collection during {@code ffm-critical} waiting about the call's remaining time, during
 * {@code ffm} only its own pause.
 *
 * <h2>Measured</h2>
 * <pre>
 * $ ./gillab lesson 09      (2026-11-22; 2 cores, otherwise idle: load average 0.88)
 *
 * run                                threads  wall ms  speedup  switches  forced drops  lock wait      4x4    16x16    64x64  256x256  long call  GC waited
 * ---------------------------------  -------  -------  -------  --------  ------------  ---------  -------  -------  -------  -------  ---------  ---------
 * jna (copied)                             1     25.5    0.98x         1             0         0%  1.60 us  2.96 us  48.1 us  2.54 ms
 * jna-direct (copied)                      1     25.4    0.99x         1             0         0%   303 ns  1.49 us  46.6 us  2.53 ms
 * jna-memory (reused memory)               1     25.2    0.99x         1             0         0%   278 ns  1.19 us  43.4 us  2.51 ms
 * javacpp (copied)                         1     25.0    1.00x         1             0         0%   175 ns  1.21 us  44.3 us  2.48 ms
 * javacpp-critical (pinned)                1     36.2    1.04x         1             0         0%   147 ns   919 ns  40.7 us  2.39 ms
 * javacpp-noexception (copied)             1     37.5    1.00x         1             0         0%   174 ns  1.19 us  44.3 us  2.49 ms
 * ffm (copied)                             1     37.5    1.00x         1             0         0%   178 ns  1.09 us  43.0 us  2.49 ms
 * ffm-critical (pinned)                    1     36.2    1.04x         1             0         0%   106 ns  3.04 us   183 us  2.39 ms
 * GC during a ffm call                     2    516.5    1.00x         5             0         0%                                         252 ms    57.0 ms
 * GC during a ffm-critical call            2    431.4    1.00x         3             0         0%                                         213 ms     216 ms
 * GC during a javacpp-critical call        2    457.9    1.00x         5             0         0%                                         207 ms    10.8 ms
 * =&gt; a 4x4 product took 106 ns per call through ffm-critical (pinned), 178 ns through ffm (copied); at 256x256, 2.39 ms and 2.49 ms; a GC asked for during a 213 ms ffm-critical call waited 216 ms, during an ffm call 57.0 ms (collectors: G1 Young Generation, G1 Concurrent GC, G1 Old Generation). Pin for short calls; copy (or reuse native memory) for long ones.
 * </pre>
 * <p>For small arrays the copy is most of the call: 4x4 took 106 ns pinned (ffm-critical) against
 * 178 ns copied (ffm), 147 against 175 ns through JavaCPP; at 256x256 all bindings are within
 * 7% (2.39 to 2.54 ms), the product dwarfing the copy. The price of pinning: a GC requested
 * during a 213 ms ffm-critical call waited 216 ms, the whole call, against 57 ms during a
 * plain ffm call.
 *
 * <p>How to run: {@code ./gillab lesson 09} (options: {@code --binding ffm-critical} for one
 * binding, {@code --quick}).
 */
public final class Lesson09_PassingArraysWhileReleased implements Lesson {

    /** The matrix sides of part 1: 16 to 65,536 doubles per matrix, three matrices per call. */
    static final int[] SIDES = {4, 16, 64, 256};

    /** The bindings of the GC test: copied, pinned by FFM, pinned by JNI. */
    static final List<Binding> GC_BINDINGS = List.of(Binding.FFM, Binding.FFM_CRITICAL, Binding.JAVACPP_CRITICAL);

    /** One timed batch of calls. */
    static final Duration ROUND = Duration.ofMillis(5);

    /** Timed rounds per matrix size at scale 1. */
    static final long ROUNDS = 5;

    /** Untimed calls before each matrix size's rounds (each binding is called at least once). */
    static final Duration WARM_UP = Duration.ofMillis(200);

    /** The array hashed by the GC test's long call at scale 1: a few hundred milliseconds of C. */
    static final long GC_ARRAY_BYTES = 64L << 20;

    /** The smallest GC-test array, so that the call outlasts a collection's own pause. */
    static final long GC_ARRAY_MIN_BYTES = 8L << 20;

    private static final LessonInfo INFO = new LessonInfo(9, "Passing arrays while released", Verdict.SHOWS,
            "buffer protocol vs copies; JNI GetPrimitiveArrayCritical; FFM Linker.Option.critical",
            "4x4: pinned 1.2x to 3x faster than copied; 256x256: all within 10%; a GC waits out a long ffm-critical call",
            "copy, pin or reuse native memory: pinning wins for small arrays, and must stay short");

    @Override
    public LessonInfo info() {
        return INFO;
    }

    @Override
    public LessonResult run(LessonSettings settings) {
        List<Binding> bindings = settings.bindingOrEveryNative();
        List<Row> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        copyOrPin(settings, bindings, rows, metrics);
        Measurement telling = null;
        for (Binding binding : settings.binding() != null ? bindings : GC_BINDINGS) {
            GcTest gc = gcDuringLongCall(settings, binding);
            rows.add(Row.of("GC during a " + binding.id() + " call", gc.run(), gc.run().wallNanos())
                    .with("long call", Units.nanos(gc.aloneNanos()))
                    .with("GC waited", Units.nanos(gc.gcNanos())));
            metrics.put("gc.call.ns." + binding.id(), (double) gc.aloneNanos());
            metrics.put("gc.call.with.gc.ns." + binding.id(), (double) gc.withGcNanos());
            metrics.put("gc.head.start.ns." + binding.id(), (double) gc.headStartNanos());
            metrics.put("gc.wait.ns." + binding.id(), (double) gc.gcNanos());
            if (binding == Binding.FFM_CRITICAL || telling == null) {
                telling = gc.run();
            }
            settings.progress().stepDone("GC during " + binding.id());
        }
        return new LessonResult(INFO, rows, conclusion(metrics, bindings), metrics, telling.trace());
    }

    /** Part 1: nanoseconds per call of every binding at every size, and whether the products agree. */
    private static void copyOrPin(LessonSettings settings, List<Binding> bindings, List<Row> rows,
                                  Map<String, Double> metrics) {
        Interpreter interpreter = settings.interpreter();
        List<Kernels> released = bindings.stream().map(b -> KernelsUnderLock.releasing(interpreter, b)).toList();
        Kernels java = Binding.JAVA.kernels();
        CallTimer timer = new CallTimer(ROUND, (int) settings.scaled(ROUNDS, 2), WARM_UP);
        List<List<CallTimer.Timing>> bySide = new ArrayList<>();
        boolean[] agree = {true};
        Measurement run = ThreadedRun.run(interpreter, 1, "arrays", i -> {
            for (int n : SIDES) {
                double[] expected = (double[]) Kernel.MATMUL.prepare(java, n, Kernel.DEFAULT_MAX_ITER).get();
                List<Runnable> variants = new ArrayList<>();
                for (Kernels k : released) {
                    Supplier<Object> call = Kernel.MATMUL.prepare(k, n, Kernel.DEFAULT_MAX_ITER);
                    agree[0] &= Arrays.equals((double[]) call.get(), expected);
                    variants.add(call::get);
                }
                bySide.add(timer.time(variants));
                settings.progress().stepDone(n + "x" + n);
            }
        });
        int baseline = Math.max(0, bindings.indexOf(Binding.FFM));
        int largest = SIDES.length - 1;
        for (int b = 0; b < bindings.size(); b++) {
            CallTimer.Timing atLargest = bySide.get(largest).get(b);
            Row row = atLargest.row(bindings.get(b).id() + " (" + arrays(bindings.get(b)) + ")", run,
                    bySide.get(largest).get(baseline).nanosPerCall());
            for (int s = 0; s < SIDES.length; s++) {
                double nanos = bySide.get(s).get(b).nanosPerCall();
                row = row.with(SIDES[s] + "x" + SIDES[s], Units.nanos(nanos));
                metrics.put("ns." + bindings.get(b).id() + "." + SIDES[s], nanos);
            }
            rows.add(row);
        }
        metrics.put("results.agree", agree[0] ? 1.0 : 0.0);
    }

    /** How a binding passes arrays. */
    static String arrays(Binding binding) {
        return switch (binding) {
            case JAVACPP_CRITICAL, FFM_CRITICAL -> "pinned";
            case JNA_MEMORY -> "reused memory";
            default -> "copied";
        };
    }

    /**
     * What the GC test measured.
     *
     * @param run            the two-thread run
     * @param aloneNanos     the long call with nothing else going on
     * @param withGcNanos    the same call while the collection was asked for
     * @param headStartNanos from the second call's start to the collection request
     * @param gcNanos        how long {@code System.gc()} took, as seen by the thread that asked
     */
    record GcTest(Measurement run, long aloneNanos, long withGcNanos, long headStartNanos, long gcNanos) {
    }

    /**
     * Part 2: thread 0 makes the long call twice, the second time while thread 1, once that call
     * runs, asks for a collection.
     */
    private static GcTest gcDuringLongCall(LessonSettings settings, Binding binding) {
        Interpreter interpreter = settings.interpreter();
        InFlightProbe probe = new InFlightProbe(binding.kernels());
        Kernels kernels = KernelsUnderLock.releasing(interpreter, probe);
        byte[] data = new byte[Math.toIntExact(settings.scaled(GC_ARRAY_BYTES, GC_ARRAY_MIN_BYTES))];
        AtomicLong alone = new AtomicLong();
        AtomicLong secondStart = new AtomicLong();
        AtomicLong withGc = new AtomicLong();
        AtomicLong headStart = new AtomicLong();
        AtomicLong gcNanos = new AtomicLong();
        Measurement run = ThreadedRun.run(interpreter, 2, "gc", i -> {
            if (i == 0) {
                long start = System.nanoTime();
                kernels.sha256(data);
                alone.set(System.nanoTime() - start);
                start = System.nanoTime();
                secondStart.set(start);
                kernels.sha256(data);
                withGc.set(System.nanoTime() - start);
            } else {
                try {
                    interpreter.blocking(() -> {
                        awaitSecondCall(probe);
                        Thread.sleep(1);
                        long asked = System.nanoTime();
                        headStart.set(asked - secondStart.get());
                        System.gc();
                        gcNanos.set(System.nanoTime() - asked);
                        return null;
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the long call to start", e);
                }
            }
        });
        return new GcTest(run, alone.get(), withGc.get(), headStart.get(), gcNanos.get());
    }

    /** Waits, without the lock, until the second probed call has started; fails if it never does. */
    private static void awaitSecondCall(InFlightProbe probe) throws InterruptedException {
        long deadline = System.nanoTime() + ThreadedRun.TIME_LIMIT.toNanos() / 2;
        while (probe.calls() < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the long call never started a second time: did the first one fail?");
            }
            Thread.sleep(0, 100_000);
        }
    }

    /** The collectors of this JVM, e.g. "G1 Young Generation, G1 Old Generation". */
    private static String collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
    }

    /** What the figures say: smallest and largest size, pinned against copied; the GC waits. */
    private static String conclusion(Map<String, Double> m, List<Binding> bindings) {
        StringBuilder text = new StringBuilder();
        if (m.get("results.agree") != 1.0) {
            text.append("A BINDING RETURNED A WRONG PRODUCT; ");
        }
        if (bindings.contains(Binding.FFM) && bindings.contains(Binding.FFM_CRITICAL)) {
            int small = SIDES[0];
            int large = SIDES[SIDES.length - 1];
            text.append(String.format(Locale.ROOT, "a %dx%d product took %s per call through ffm-critical (pinned), "
                            + "%s through ffm (copied); at %dx%d, %s and %s", small, small,
                    Units.nanos(m.get("ns.ffm-critical." + small)), Units.nanos(m.get("ns.ffm." + small)), large, large,
                    Units.nanos(m.get("ns.ffm-critical." + large)), Units.nanos(m.get("ns.ffm." + large))));
        }
        Double criticalWait = m.get("gc.wait.ns." + Binding.FFM_CRITICAL.id());
        Double copiedWait = m.get("gc.wait.ns." + Binding.FFM.id());
        if (criticalWait != null && copiedWait != null) {
            text.append(String.format(Locale.ROOT, "; a GC asked for during a %s ffm-critical call waited %s, during "
                            + "an ffm call %s (collectors: %s)", Units.nanos(m.get("gc.call.ns.ffm-critical")),
                    Units.nanos(criticalWait), Units.nanos(copiedWait), collectors()));
        }
        return text.append(". Pin for short calls; copy (or reuse native memory) for long ones.").toString();
    }
}
