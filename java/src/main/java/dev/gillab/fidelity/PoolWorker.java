package dev.gillab.fidelity;

import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.kernel.Kernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One worker process of {@link ProcessPool}: a JVM with an interpreter of its own, as each
 * {@code multiprocessing} worker is a Python process with a GIL of its own. It reads one task
 * per line on standard input, a countdown size n, runs the interpreted countdown of n and
 * answers with the result's hash on one line; it ends at the end of its input.
 *
 * <p>Before its first task it makes {@value #WARM_UP_CALLS} short countdown calls, so that the
 * JIT compiles the countdown as a whole method, as the main JVM's calibration (many calls) did
 * for the sequential baseline. Without them each task, one long call, would run in the
 * on-stack-replacement code compiled in the middle of the loop, which is slower, and the pool
 * would be measured against a faster baseline.
 */
public final class PoolWorker {

    /** Short calls before the first task: enough for the JIT to compile the countdown whole. */
    static final int WARM_UP_CALLS = 2_000;

    /** Iterations of one warm-up call: tens of microseconds. */
    private static final long WARM_UP_COUNTDOWN = 20_000;

    private PoolWorker() {
    }

    public static void main(String[] args) throws IOException {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        Kernels kernels = KernelsUnderLock.interpreted(interpreter);
        BufferedReader tasks = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream results = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        interpreter.attach();
        try {
            for (int i = 0; i < WARM_UP_CALLS; i++) {
                kernels.countdown(WARM_UP_COUNTDOWN);
            }
            String task;
            while ((task = interpreter.blocking(tasks::readLine)) != null) {
                long hash = kernels.countdown(Long.parseLong(task.strip()));
                results.println(Long.toHexString(hash));
                results.flush();
            }
        } finally {
            interpreter.detach();
        }
    }
}
