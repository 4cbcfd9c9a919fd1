package dev.gillab.experiment;

import dev.gillab.kernel.Kernels;
import dev.gillab.lock.Interpreter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * How long a garbage collection asked for during a long native call waits. Every collection
 * needs all Java threads at a safepoint; a thread inside an ordinary downcall is at one (it is
 * "in native"), a thread inside a {@code critical} downcall is not, and keeps the collection
 * waiting until it returns.
 *
 * <p>One attached thread makes the call twice, the lock released around it; once the second call
 * has started (an {@link InFlightProbe} sees it) and run a millisecond, a second thread, with the
 * lock released, calls {@code System.gc()} and times it. The heap is collected once before the
 * calls, so that the measured collection has only the live objects to handle, whichever call it
 * meets: otherwise its pause depends on the garbage that earlier work left behind.
 *
 * @param run            the two-thread run
 * @param aloneNanos     the first call, with nothing else going on
 * @param withGcNanos    the second call, during which the collection was asked for
 * @param headStartNanos from the second call's start to the request
 * @param gcNanos        how long {@code System.gc()} took, as the thread that asked saw it
 */
public record CollectionDuringCall(Measurement run, long aloneNanos, long withGcNanos, long headStartNanos,
                                   long gcNanos) {

    /** From the request to the end of the call, as the calling thread saw it. */
    public long restOfCallNanos() {
        return withGcNanos - headStartNanos;
    }

    /** The collection's wait over the rest of the call: at least about 1 when the call held it off. */
    public double waitOverRestOfCall() {
        return (double) gcNanos / restOfCallNanos();
    }

    /** Measures {@code call} (a long call on the kernels it is given) on {@code nativeKernels}, released. */
    public static CollectionDuringCall measure(Interpreter interpreter, Kernels nativeKernels, Consumer<Kernels> call) {
        InFlightProbe probe = new InFlightProbe(nativeKernels);
        Kernels kernels = KernelsUnderLock.releasing(interpreter, probe);
        AtomicLong alone = new AtomicLong();
        AtomicLong secondStart = new AtomicLong();
        AtomicLong withGc = new AtomicLong();
        AtomicLong headStart = new AtomicLong();
        AtomicLong gcNanos = new AtomicLong();
        System.gc();
        Measurement run = ThreadedRun.run(interpreter, 2, "gc", i -> {
            if (i == 0) {
                long start = System.nanoTime();
                call.accept(kernels);
                alone.set(System.nanoTime() - start);
                start = System.nanoTime();
                secondStart.set(start);
                call.accept(kernels);
                withGc.set(System.nanoTime() - start);
                return;
            }
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
        });
        return new CollectionDuringCall(run, alone.get(), withGc.get(), headStart.get(), gcNanos.get());
    }

    /** Waits until the second call has started; fails if it never does. */
    private static void awaitSecondCall(InFlightProbe probe) throws InterruptedException {
        long deadline = System.nanoTime() + ThreadedRun.TIME_LIMIT.toNanos() / 2;
        while (probe.calls() < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the long call never started a second time: did the first one fail?");
            }
            Thread.sleep(0, 100_000);
        }
    }
}
