package dev.gillab.lesson.catalogue;

import dev.gillab.binding.Binding;
import dev.gillab.kernel.Kernel;
import dev.gillab.kernel.Kernels;
import dev.gillab.lesson.CallTimer;
import dev.gillab.lesson.InFlightProbe;
import dev.gillab.lesson.KernelsUnderLock;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lesson.Measurement;
import dev.gillab.lesson.Row;
import dev.gillab.lesson.ThreadedRun;
import dev.gillab.lesson.Units;
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
 * <p>The problem. A native call that works on an array needs the array's bytes where C can
 * read them. There are three ways, and each binding picks one: copy the array into native
 * memory and back on every call; pin the Java array and hand C the heap memory itself; or keep
 * the data in native memory reused from call to call. Copying costs a fixed setup per call and
 * a memcpy per byte; pinning costs nothing per byte, but while the call runs the JVM may not be
 * able to move, or even collect, anything: a long pinned call can stall every thread that
 * needs the garbage collector. The rule: pin only for short calls.
 *
 * <p>The real-world analogue. CPython's buffer protocol ({@code PyObject_GetBuffer}) hands C a
 * pointer into a {@code bytes}, {@code bytearray} or NumPy array with no copy, and the object
 * may not be resized while the buffer is held; ctypes {@code from_buffer} vs
 * {@code from_buffer_copy}. In Java: JNA copies primitive arrays (or uses {@code Memory}),
 * JNI offers {@code Get<Type>ArrayElements} (may copy) and {@code GetPrimitiveArrayCritical}
 * (pins, with rules), FFM copies into an {@code Arena} unless the downcall is linked
 * {@code Linker.Option.critical(true)}, which passes heap segments and "is meant for very short
 * calls".
 *
 * <p>What runs here, with the lock released around each call ({@link KernelsUnderLock#releasing}):
 * <ol>
 *   <li>{@code sha256} of arrays from 128 B to 8 MiB (16 to a million doubles' worth) through
 *       every native binding: copying ({@code jna}, {@code jna-direct}, {@code javacpp},
 *       {@code ffm}), pinned ({@code javacpp-critical}, {@code ffm-critical}) and reused native
 *       memory ({@code jna-memory}, which still copies, but into a buffer it keeps); timed per
 *       call by a {@link CallTimer}, each size with every binding in turn. Every binding's
 *       digest is checked against pure Java's.</li>
 *   <li>The GC test: one thread hashes a large array (64 MiB at scale 1, a few hundred ms) in
 *       one call, alone, then again; once the second call is running (seen by an
 *       {@link InFlightProbe}), a second thread asks the JVM for a full collection
 *       ({@code System.gc()}) and times how long it waits.
 *       Through {@code ffm} (copied), {@code ffm-critical} (heap segment) and
 *       {@code javacpp-critical} (JNI critical region).</li>
 * </ol>
 *
 * <p>What to observe. Part 1: at small sizes the copying bindings pay their fixed setup (JNA
 * allocates native memory per call, FFM a confined arena) and the pinned ones are several times
 * faster; by 64 KiB the hash dominates and every binding is within a few percent, since a
 * memcpy costs about a tenth of a nanosecond per byte against a few nanoseconds of hashing. The
 * "wall ms" and "speedup" columns of those rows are the largest size's, the speedup against
 * {@code ffm}. Part 2: through {@code ffm} the collection takes its usual tens of
 * milliseconds; through {@code ffm-critical} it waits for the whole rest of the call, because a
 * critical downcall never leaves the Java thread state, so no safepoint can begin until it
 * returns, and every other thread that needs one stops too. With G1, JNI critical regions only
 * pin their heap region (JEP 423, JDK 22), so {@code javacpp-critical} does not hold the
 * collector; with the Serial or Parallel collector it would (the GC locker).
 *
 * <p>Expected: at 128 B the pinned bindings 2x to 10x faster than the copying ones; at 8 MiB
 * all within 10%; the collection during {@code ffm-critical} waiting about the call's
 * remaining time, during {@code ffm} only its own pause.
 *
 * <h2>Measured</h2>
 * <pre>
 * MEASURED
 * </pre>
 *
 * <p>How to run: {@code ./gillab lesson 09} (options: {@code --binding ffm-critical} for one
 * binding, {@code --quick}).
 */
public final class Lesson09_PassingArraysWhileReleased implements Lesson {

    /** The array sizes of part 1, in bytes: 16 doubles' worth to a million doubles' worth. */
    static final int[] SIZES = {128, 1 << 10, 8 << 10, 64 << 10, 1 << 20, 8 << 20};

    /** The bindings of the GC test: copied, pinned by FFM, pinned by JNI. */
    static final List<Binding> GC_BINDINGS = List.of(Binding.FFM, Binding.FFM_CRITICAL, Binding.JAVACPP_CRITICAL);

    /** One timed batch of calls. */
    static final Duration ROUND = Duration.ofMillis(5);

    /** Timed rounds per size at scale 1. */
    static final long ROUNDS = 5;

    /** Untimed calls before each size's rounds (each binding is called at least once). */
    static final Duration WARM_UP = Duration.ofMillis(50);

    /** The array hashed by the GC test's long call at scale 1: a few hundred milliseconds of C. */
    static final long GC_ARRAY_BYTES = 64L << 20;

    /** The smallest GC-test array, so that the call outlasts a collection's own pause. */
    static final long GC_ARRAY_MIN_BYTES = 8L << 20;

    private static final LessonInfo INFO = new LessonInfo(9, "Passing arrays while released", Verdict.SHOWS,
            "buffer protocol vs copies; JNI GetPrimitiveArrayCritical; FFM Linker.Option.critical",
            "128 B: pinned 2x to 10x faster than copied; 8 MiB: all within 10%; a GC waits out a long ffm-critical call",
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
                    .with("call alone", Units.nanos(gc.aloneNanos()))
                    .with("call with GC", Units.nanos(gc.withGcNanos()))
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

    /** Part 1: nanoseconds per call of every binding at every size, and whether the digests agree. */
    private static void copyOrPin(LessonSettings settings, List<Binding> bindings, List<Row> rows,
                                  Map<String, Double> metrics) {
        Interpreter interpreter = settings.interpreter();
        List<Kernels> released = bindings.stream().map(b -> KernelsUnderLock.releasing(interpreter, b)).toList();
        Kernels java = Binding.JAVA.kernels();
        CallTimer timer = new CallTimer(ROUND, (int) settings.scaled(ROUNDS, 2), WARM_UP);
        List<List<CallTimer.Timing>> bySize = new ArrayList<>();
        boolean[] agree = {true};
        Measurement run = ThreadedRun.run(interpreter, 1, "arrays", i -> {
            for (int size : SIZES) {
                byte[] expected = (byte[]) Kernel.SHA256.prepare(java, size, Kernel.DEFAULT_MAX_ITER).get();
                List<Runnable> variants = new ArrayList<>();
                for (Kernels k : released) {
                    Supplier<Object> call = Kernel.SHA256.prepare(k, size, Kernel.DEFAULT_MAX_ITER);
                    agree[0] &= Arrays.equals((byte[]) call.get(), expected);
                    variants.add(call::get);
                }
                bySize.add(timer.time(variants));
                settings.progress().stepDone(Units.bytes(size));
            }
        });
        int baseline = Math.max(0, bindings.indexOf(Binding.FFM));
        int largest = SIZES.length - 1;
        for (int b = 0; b < bindings.size(); b++) {
            CallTimer.Timing atLargest = bySize.get(largest).get(b);
            Row row = atLargest.row(bindings.get(b).id() + " (" + arrays(bindings.get(b)) + ")", run,
                    bySize.get(largest).get(baseline).nanosPerCall());
            for (int s = 0; s < SIZES.length; s++) {
                double nanos = bySize.get(s).get(b).nanosPerCall();
                row = row.with(Units.bytes(SIZES[s]), Units.nanos(nanos));
                metrics.put("ns." + bindings.get(b).id() + "." + SIZES[s], nanos);
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
            text.append("A BINDING RETURNED A WRONG DIGEST; ");
        }
        if (bindings.contains(Binding.FFM) && bindings.contains(Binding.FFM_CRITICAL)) {
            int small = SIZES[0];
            int large = SIZES[SIZES.length - 1];
            text.append(String.format(Locale.ROOT, "at %s ffm-critical (pinned) took %s per call, ffm (copied) %s; "
                            + "at %s, %s and %s", Units.bytes(small), Units.nanos(m.get("ns.ffm-critical." + small)),
                    Units.nanos(m.get("ns.ffm." + small)), Units.bytes(large),
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
