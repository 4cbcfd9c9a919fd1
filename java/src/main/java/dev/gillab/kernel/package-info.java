/**
 * The kernels (countdown, fib, pi, matrix product, Mandelbrot, SHA-256, primes, sum, and the
 * empty calls noop and add, and a blocking sleep), one interface for every way of running them.
 *
 * <h2>Where to start</h2>
 * <ul>
 *   <li>{@link dev.gillab.kernel.Kernels}: the interface; {@link dev.gillab.kernel.Kernel} names
 *       each kernel with one size, for the command line and the lessons.</li>
 *   <li>{@link dev.gillab.kernel.JavaKernels}: every kernel in pure Java, the "interpreted" side,
 *       polling an {@link dev.gillab.kernel.EvalBreaker} as CPython's eval loop checks its eval
 *       breaker, as often as {@link dev.gillab.kernel.TicksPerPoll} says.</li>
 *   <li>{@link dev.gillab.kernel.KernelArguments} and {@link dev.gillab.kernel.CheckedKernels}:
 *       the one place every argument is checked, before anything reaches C.</li>
 * </ul>
 * The C twins of these kernels are in {@code native/src/kernels.c}, reached through
 * {@link dev.gillab.binding}; the lock reaches the kernels only through its decorators
 * ({@link dev.gillab.lock.HoldingKernels}, {@link dev.gillab.lock.ReleasingKernels}).
 */
package dev.gillab.kernel;
