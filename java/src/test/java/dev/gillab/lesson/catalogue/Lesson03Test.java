package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gillab.binding.Binding;
import dev.gillab.lesson.LessonResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lesson 03: released native calls run at the same time, on every binding. */
class Lesson03Test {

    private final Lesson03_ReleaseAroundTheNativeCall lesson = new Lesson03_ReleaseAroundTheNativeCall();

    @BeforeAll
    static void nativeLibraryAndTwoCores() {
        LessonTests.assumeNativeLibrary();
        LessonTests.assumeCores(2);
    }

    @Test
    void releasedCallsOverlapOnEveryBinding() {
        LessonResult r = lesson.run(LessonTests.small().withThreads(List.of(1, 2)));

        for (Binding b : Binding.values()) {
            if (b.isNative()) {
                String suffix = b == Lesson03_ReleaseAroundTheNativeCall.DEFAULT_BINDING ? "" : "." + b.id();
                assertThat(r.metric("overlap.max.2" + suffix)).as("most calls in flight through %s, 2 threads", b)
                        .isEqualTo(2.0);
                assertThat(r.metric("overlap.share.2" + suffix))
                        .as("share of the wall time with both %s calls in flight", b).isGreaterThan(0.25);
            }
        }
    }

    @Test
    void twoThreadsUseMoreThanOneCore() {
        double free = availableParallelism();
        assumeTrue(free > 1.6, String.format(Locale.ROOT,
                "the machine is too busy to measure parallelism: two plain spinning threads got %.2f cores", free));

        LessonResult r = lesson.run(LessonTests.small().withBinding(Binding.FFM).withThreads(List.of(1, 2)));

        assertThat(r.metric("overlap.max.2")).as("most calls in flight, 2 threads").isEqualTo(2.0);
        assertThat(r.metric("parallelism.2")).as("CPU time over wall time, 2 threads").isGreaterThan(1.3);
    }

    /** CPU time over wall time of two threads that spin for 200 ms with no lock at all: the cores free right now. */
    private static double availableParallelism() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        AtomicLong cpu = new AtomicLong();
        long wallStart = System.nanoTime();
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            spinners.add(Thread.ofPlatform().start(() -> {
                long start = mx.getCurrentThreadCpuTime();
                long end = System.nanoTime() + 200_000_000L;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                cpu.addAndGet(mx.getCurrentThreadCpuTime() - start);
            }));
        }
        for (Thread t : spinners) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return (double) cpu.get() / (System.nanoTime() - wallStart);
    }
}
