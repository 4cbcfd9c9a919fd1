package dev.gillab.fidelity;

import dev.gillab.kernel.Kernels;
import dev.gillab.lesson.KernelsUnderLock;
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
 */
public final class PoolWorker {

    private PoolWorker() {
    }

    public static void main(String[] args) throws IOException {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        Kernels kernels = KernelsUnderLock.interpreted(interpreter);
        BufferedReader tasks = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream results = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        interpreter.attach();
        try {
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
