package dev.gillab.experiment;

import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import java.util.List;
import java.util.function.Function;

/**
 * The untimed warm-up before a lesson measures anything, as JMH's warm-up iterations are: so
 * that every configuration of the lesson runs the same compiled code, and the first one is not
 * penalised for compiling it.
 *
 * <p>Two things make a warm-up here more than "run it once". A single long call of a loop gets
 * only the loop compiled (on-stack replacement), which can run markedly slower than the method
 * compiled whole; the JIT compiles the whole method only after some hundreds of calls. And a
 * lock that nobody contends never takes its hand-over path, so the JIT compiles that path as a
 * trap, and the first contended run of the lesson would then pay for deoptimising and
 * recompiling in the middle of its measurement. So the warm-up makes {@value #CALLS} short
 * calls on each of two threads, under each lock the lesson will use.
 */
public final class WarmUp {

    /** Short calls per thread: enough for the JIT to compile the called methods whole. */
    public static final int CALLS = 1_000;

    /** Iterations of one warm-up countdown call: tens of microseconds. */
    public static final long COUNTDOWN = 20_000;

    private WarmUp() {
    }

    /**
     * For each of {@code modes}, a fresh interpreter from {@code interpreters}, and two attached
     * threads each making {@value #CALLS} calls of {@code call.apply(interpreter)}.
     */
    public static void onTwoThreads(Function<LockMode, Interpreter> interpreters, List<LockMode> modes,
                                    Function<Interpreter, Runnable> call) {
        for (LockMode mode : modes) {
            Interpreter interpreter = interpreters.apply(mode);
            Runnable once = call.apply(interpreter);
            ThreadedRun.run(interpreter, 2, "warm-up", i -> {
                for (int c = 0; c < CALLS; c++) {
                    once.run();
                }
            });
        }
    }
}
