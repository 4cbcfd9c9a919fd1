package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.binding.Binding;
import dev.gillab.kernel.Kernel;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.testing.TwoFreeCores;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** Lesson 09: every binding computes alike; pinning is not slower for large arrays; a long critical call holds off GC. */
class Lesson09Test {

    private static final int LARGEST = Lesson09_PassingArraysWhileReleased.SIDES[Lesson09_PassingArraysWhileReleased.SIDES.length - 1];

    /** Timed calls of each binding in the CPU-time comparison, taken in turns; the fastest counts. */
    private static final int ROUNDS = 3;

    /** Attempts at the GC comparison; each is two runs of the GC test, about a second on an idle machine. */
    private static final int ATTEMPTS = 3;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Lesson09_PassingArraysWhileReleased lesson = new Lesson09_PassingArraysWhileReleased();

    @BeforeAll
    static void nativeLibrary() {
        LessonTests.assumeNativeLibrary();
    }

    @Test
    void everyBindingComputesTheSameProduct() {
        LessonResult r = lesson.run(LessonTests.small());

        assertThat(r.metric("results.agree")).as("every binding's products against pure Java's\n" + r).isEqualTo(1.0);
        for (Binding b : Binding.values()) {
            if (b.isNative()) {
                assertThat(r.metric("ns." + b.id() + "." + LARGEST)).as("%s timed at the largest size", b).isPositive();
            }
        }
    }

    /**
     * At the largest size a call is millions of multiply-adds, next to which copying the arrays
     * costs a few percent: pinning saves little and must not cost more. Timed in the calling
     * thread's CPU time, not in wall time as the lesson shows it: a busy machine takes the core
     * away from a call for whole time slices, which wall time counts (observed under a load of
     * 15 on 2 cores: ffm-critical 14 ms, ffm 6 ms) and CPU time does not. What load still adds,
     * a cache that other processes have cooled, falls on both bindings alike, since they take
     * turns and each keeps its fastest call; the factor 2 leaves room for it. Fails if a pinned
     * call does much more work than its copying twin (a fallback that copies element by element,
     * a call made twice).
     */
    @Test
    void pinningIsNotSlowerForLargeArraysInCpuTime() {
        for (List<Binding> pair : List.of(List.of(Binding.FFM_CRITICAL, Binding.FFM),
                List.of(Binding.JAVACPP_CRITICAL, Binding.JAVACPP))) {
            double[] cpu = fastestCpuNanos(pair);
            assertThat(cpu[0]).as("CPU ns of a %dx%d product through %s, against %s (%.0f ns)", LARGEST, LARGEST,
                    pair.get(0), pair.get(1), cpu[1]).isLessThan(2 * cpu[1]);
        }
    }

    /** Each binding's fastest call in thread CPU time, calls taken in turns, the first of each untimed. */
    private static double[] fastestCpuNanos(List<Binding> bindings) {
        List<Supplier<Object>> calls = bindings.stream()
                .map(b -> Kernel.MATMUL.prepare(b.kernels(), LARGEST, Kernel.DEFAULT_MAX_ITER)).toList();
        calls.forEach(Supplier::get);
        double[] fastest = new double[calls.size()];
        Arrays.fill(fastest, Double.POSITIVE_INFINITY);
        for (int round = 0; round < ROUNDS; round++) {
            for (int b = 0; b < calls.size(); b++) {
                long start = THREADS.getCurrentThreadCpuTime();
                calls.get(b).get();
                fastest[b] = Math.min(fastest[b], THREADS.getCurrentThreadCpuTime() - start);
            }
        }
        return fastest;
    }

    /**
     * The collection cannot end before the critical call has returned: its wait is at least the
     * rest of the call after it was asked for. Bound: half of that call (timed in the same run,
     * so a slow stretch of the machine lengthens both) less the head start; an ffm-critical call
     * that let the collection through would leave it its own pause only.
     */
    @Test
    void aCollectionWaitsForTheRestOfALongCriticalCall() {
        // half scale, one binding: a call of over 100 ms, several times a collection's own pause
        LessonResult r = lesson.run(LessonSettings.defaults().withScale(0.5).withBinding(Binding.FFM_CRITICAL));

        double call = r.metric("gc.call.with.gc.ns.ffm-critical");
        double headStart = r.metric("gc.head.start.ns.ffm-critical");
        assertThat(r.metric("gc.wait.ns.ffm-critical"))
                .as("the collection's wait, against half the %.0f ms call less the %.1f ms it had already run",
                        call / 1e6, headStart / 1e6)
                .isGreaterThan(call / 2 - headStart);
    }

    /**
     * Relative, not absolute: System.gc() alone can take longer than half a call, but it takes
     * that long in both runs, and only the critical run adds the rest of the native call to
     * it. That holds when the collector's threads and the calling thread each have a core: on a
     * busy machine the collection's own parallel work stretches by whatever the other processes
     * leave it (observed under a load of 15 on 2 cores: 614 ms during a copied call, 257 ms
     * during a critical one), so the comparison is made with two free cores around it
     * ({@link TwoFreeCores}).
     */
    @Test
    @Disabled("Does not hold with two free cores either: ratios 1.19 and 1.03 were seen with 1.97 cores free "
            + "around the attempts, so the collection's wait is not reliably shorter during a copied call at this "
            + "scale; the lesson's claim needs re-examining (GC time against the call's length) before it is tested")
    void aCollectionWaitsLessDuringACopiedCallThanDuringACriticalOne() {
        TwoFreeCores.assertWithinAttempts(
                "the collection's wait during a copied call over its wait during a critical one", ATTEMPTS, () -> {
                    LessonResult copied = lesson.run(LessonSettings.defaults().withScale(0.5).withBinding(Binding.FFM));
                    LessonResult critical = lesson.run(
                            LessonSettings.defaults().withScale(0.5).withBinding(Binding.FFM_CRITICAL));
                    return copied.metric("gc.wait.ns.ffm") / critical.metric("gc.wait.ns.ffm-critical");
                }, ratio -> ratio < 1);
    }
}
