package dev.gillab.experiment;

import dev.gillab.binding.Binding;
import dev.gillab.kernel.CheckedKernels;
import dev.gillab.kernel.JavaKernels;
import dev.gillab.kernel.Kernels;
import dev.gillab.kernel.TicksPerPoll;
import dev.gillab.lock.HoldingKernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.ReleasingKernels;

/**
 * The three ways a lesson runs kernels under an interpreter, named for what they model:
 * <ul>
 *   <li>{@link #interpreted}: pure Python. Pure-Java kernels that hold the lock and poll it at
 *       every tick, so the lock can be taken away between any two iterations.</li>
 *   <li>{@link #releasing}: a correct C extension ({@code Py_BEGIN_ALLOW_THREADS}, ctypes
 *       {@code CDLL}). Native kernels with the lock released around each call.</li>
 *   <li>{@link #holding}: a broken C extension that forgot to release (ctypes {@code PyDLL}).
 *       Native kernels called with the lock held, and no polls inside.</li>
 * </ul>
 * All three validate their arguments before anything runs.
 */
public final class KernelsUnderLock {

    private KernelsUnderLock() {
    }

    /** Pure-Java kernels that hold {@code interpreter}'s lock and poll it at every tick. */
    public static Kernels interpreted(Interpreter interpreter) {
        return new HoldingKernels(interpreter,
                new CheckedKernels(new JavaKernels(interpreter.evalBreaker(), TicksPerPoll.EVERY_TICK)));
    }

    /** {@code binding}'s kernels with the lock released around each call. */
    public static Kernels releasing(Interpreter interpreter, Binding binding) {
        return releasing(interpreter, binding.kernels());
    }

    /**
     * Native kernels, already obtained (perhaps wrapped, e.g. in an {@link InFlightProbe}), with
     * the lock released around each call.
     */
    public static Kernels releasing(Interpreter interpreter, Kernels nativeKernels) {
        return new ReleasingKernels(interpreter, nativeKernels);
    }

    /** {@code binding}'s kernels called with the lock held throughout. */
    public static Kernels holding(Interpreter interpreter, Binding binding) {
        return holding(interpreter, binding.kernels());
    }

    /** Native kernels, already obtained (perhaps wrapped), called with the lock held throughout. */
    public static Kernels holding(Interpreter interpreter, Kernels nativeKernels) {
        return new HoldingKernels(interpreter, nativeKernels);
    }
}
