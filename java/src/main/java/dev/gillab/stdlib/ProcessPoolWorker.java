package dev.gillab.stdlib;

import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.kernel.Kernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.LockStats;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Function;

/**
 * The main class of a {@link ProcessPool}'s worker JVM: one process, one interpreter, one lock,
 * one thread. It is what a {@code multiprocessing.Pool} worker is: a fresh interpreter of its
 * own, so its lock is contended by nobody and its interpreted code runs at full speed, in
 * parallel with the other workers.
 *
 * <p>Usage (the pool launches it; nobody else needs to):
 * {@code java -cp ... ProcessPoolWorker MODE WARM_UP_CALLS}, MODE being a {@link LockMode} id.
 * It attaches its main thread to a new interpreter in that mode, makes WARM_UP_CALLS short calls
 * of each kernel so that the JIT compiles them, says hello on stdout, and then answers requests
 * ({@link PoolProtocol}) one at a time, running each task on {@link KernelsUnderLock#interpreted}
 * kernels, until stdin ends.
 *
 * <p>Stdout carries frames only: {@code System.out} is pointed at stderr before anything else
 * runs, so that a stray print cannot corrupt a frame. Exit status: 0 when the pool closed stdin,
 * 2 on a broken stream or bad usage, 3 when the parent process died (the worker does not outlive
 * it: no orphans even if the parent is killed), and the JVM's own status on a crash (the pool
 * then reports the worker's stderr).
 */
public final class ProcessPoolWorker {

    static final int EXIT_BROKEN_STREAM = 2;
    static final int EXIT_PARENT_DIED = 3;

    private static final int BUFFER_BYTES = 1 << 16;
    /** Iterations of one warm-up countdown call: tens of microseconds. */
    private static final long WARM_UP_COUNTDOWN = 20_000;
    private static final int WARM_UP_MATMUL_N = 24;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ProcessPoolWorker() {
    }

    public static void main(String[] args) {
        DataOutputStream frames = new DataOutputStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), BUFFER_BYTES));
        System.setOut(System.err);
        if (args.length != 2 || !args[1].matches("\\d{1,9}")) {
            System.err.println("usage: ProcessPoolWorker MODE WARM_UP_CALLS   (MODE: a lock mode, e.g. switch;"
                    + " WARM_UP_CALLS: short calls of each kernel before the first task, e.g. 1000)");
            System.exit(EXIT_BROKEN_STREAM);
        }
        Interpreter interpreter = Interpreter.create(LockMode.fromId(args[0]));
        int warmUpCalls = Integer.parseInt(args[1]);
        ProcessHandle.current().parent()
                .ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(EXIT_PARENT_DIED)));
        DataInputStream requests = new DataInputStream(new BufferedInputStream(System.in, BUFFER_BYTES));
        try {
            interpreter.attached(() -> {
                try {
                    serve(interpreter, warmUpCalls, requests, frames);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).run();
        } catch (UncheckedIOException e) {
            System.err.println("pool worker: broken stream: " + e.getCause());
            System.exit(EXIT_BROKEN_STREAM);
        }
    }

    /**
     * Warms up ({@code warmUpCalls} short calls of each kernel), says hello, then answers requests
     * until {@code in} ends between two frames. The calling thread must be attached to
     * {@code interpreter}.
     *
     * @throws IOException if a stream breaks or a frame is corrupt
     */
    static void serve(Interpreter interpreter, int warmUpCalls, DataInputStream in, DataOutputStream out)
            throws IOException {
        Kernels kernels = KernelsUnderLock.interpreted(interpreter);
        warmUp(kernels, warmUpCalls);
        PoolProtocol.writeHello(out, ProcessHandle.current().pid());
        for (PoolProtocol.Request request; (request = PoolProtocol.readRequest(in)) != null; ) {
            PoolProtocol.write(out, answer(interpreter, kernels, request));
        }
    }

    /**
     * Runs every task's kernel {@code calls} times, short calls, before the worker says it is
     * ready, so that the JIT has compiled them whole: otherwise the first tasks of each worker
     * would run at the bytecode interpreter's speed, or a long countdown in the on-stack-replacement
     * code compiled in the middle of its loop, which is slower; a Python worker has neither cost.
     * It counts in the pool's start-up.
     */
    static void warmUp(Kernels kernels, int calls) {
        double[] matrix = new double[WARM_UP_MATMUL_N * WARM_UP_MATMUL_N];
        for (int i = 0; i < calls; i++) {
            kernels.countdown(WARM_UP_COUNTDOWN);
            kernels.matmul(matrix, matrix, WARM_UP_MATMUL_N);
        }
    }

    /** Decodes, runs and encodes one task, timing the run alone; a task that throws is answered with its failure. */
    static PoolProtocol.Reply answer(Interpreter interpreter, Kernels kernels, PoolProtocol.Request request) {
        PoolTask<?> task;
        try {
            task = PoolProtocol.decode(request);
        } catch (RuntimeException e) {
            return PoolProtocol.Reply.failed(e);
        }
        return timed(interpreter, () -> task.run(kernels), result -> PoolProtocol.encodeResult(task, result));
    }

    /** A worker's computation, run by {@link #timed}: may be interrupted. */
    @FunctionalInterface
    interface Computation<T> {

        T run() throws InterruptedException;
    }

    /**
     * Runs {@code computation} in {@code interpreter}, timing it alone (wall, CPU, and what its lock
     * saw), and answers with {@code encode} of its result; a computation that throws is answered
     * with its failure.
     */
    static <T> PoolProtocol.Reply timed(Interpreter interpreter, Computation<T> computation,
                                        Function<T, byte[]> encode) {
        try {
            interpreter.resetStats();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            T result = computation.run();
            long computeNanos = System.nanoTime() - start;
            long cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
            LockStats.Counts lock = interpreter.stats().total();
            return new PoolProtocol.Reply(PoolProtocol.OK, cpuNanos, computeNanos, lock.switches(), lock.forcedDrops(),
                    lock.waitedNanos(), encode.apply(result));
        } catch (RuntimeException e) {
            return PoolProtocol.Reply.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PoolProtocol.Reply.failed(e);
        }
    }
}
