package dev.gillab.bench.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.kernel.JavaKernels;
import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.TicksPerPoll;
import dev.gillab.lock.HoldingKernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.LockStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Control;

/**
 * Two calling threads share the lock by forced switching, and the end of a JMH iteration
 * cannot deadlock: the thread that finishes measuring first lets the lock go, and the other,
 * still holding it, finishes its calls. Counts events; the only clock is a generous timeout
 * that turns a deadlock into a failure.
 */
class CallingThreadTest {

    private static final int CALLS = 20;

    @Test
    void twoThreadsTakeTurnsAndFinishAnIterationWithoutDeadlock() throws InterruptedException {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        interpreter.setSwitchIntervalMicros(200);
        Kernels interpreted = new HoldingKernels(interpreter,
                new JavaKernels(interpreter.evalBreaker(), TicksPerPoll.EVERY_TICK));
        AtomicInteger warmDownCalls = new AtomicInteger();
        CountDownLatch bothMeasured = new CountDownLatch(2);
        CountDownLatch preTearDown = new CountDownLatch(2); // JMH's barrier before tear-down
        AtomicInteger stuckAtBarrier = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            boolean first = i == 0;
            threads.add(Thread.ofPlatform().start(() -> {
                Control jmh = new Control();
                CallingThread thread = CallingThread.attach(interpreter);
                for (int c = 0; c < (first ? CALLS : 2 * CALLS); c++) {
                    thread.call(() -> interpreted.countdown(200_000), jmh);
                }
                jmh.stopMeasurement = true; // JMH's warm-down: calls go on until all have measured
                bothMeasured.countDown();
                while (bothMeasured.getCount() > 0) {
                    if (thread.call(() -> interpreted.countdown(200_000), jmh) == null) {
                        warmDownCalls.incrementAndGet();
                    }
                }
                // The last thread to finish may arrive here holding the lock.
                preTearDown.countDown();
                try {
                    if (!preTearDown.await(60, TimeUnit.SECONDS)) {
                        stuckAtBarrier.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                thread.detach();
            }));
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(90));
            assertThat(t.isAlive()).as("a calling thread still running after 90 s: deadlock").isFalse();
        }
        assertThat(stuckAtBarrier.get()).as("threads that waited 60 s at the barrier: deadlock").isZero();

        LockStats.Counts counts = interpreter.stats().total();
        assertThat(counts.forcedDrops()).as("forced drops while both were calling").isPositive();
        assertThat(counts.switches()).as("switches between the two threads").isGreaterThanOrEqualTo(2);
        assertThat(warmDownCalls.get()).as("warm-down calls of the thread that finished first").isPositive();
        assertThat(interpreter.stats().threads()).as("no thread left attached")
                .noneMatch(LockStats.ThreadSnapshot::attached);
    }
}
