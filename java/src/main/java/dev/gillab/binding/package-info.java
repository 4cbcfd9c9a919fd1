/**
 * The C library {@code libgillab} behind every native binding gillab compares, and what the
 * bindings share.
 *
 * <h2>Where to start</h2>
 * <ul>
 *   <li>{@link dev.gillab.binding.Binding}: every way of running the kernels (pure Java, JNA
 *       interface and direct mapping, JNA with native memory, JavaCPP in three glue variants,
 *       FFM copying or critical); its id names it on the command line and in every report.</li>
 *   <li>{@link dev.gillab.binding.NativeLibrary}: where the library is found, and
 *       {@link dev.gillab.binding.NativeLibraryUnavailableException} when it is not.</li>
 *   <li>{@link dev.gillab.binding.Callbacks}: C calling back into Java for every element,
 *       through each binding's kind of function pointer, with
 *       {@link dev.gillab.binding.CallbackScope} carrying a callback's exception back across C.</li>
 * </ul>
 * The bindings themselves are in {@code binding.jna}, {@code binding.javacpp} and
 * {@code binding.ffm}; they trust their arguments, so every one is handed out inside
 * {@link dev.gillab.kernel.CheckedKernels} or {@link dev.gillab.binding.CheckedCallbacks}, and
 * nothing a caller passes reaches C unchecked. The lock knows nothing of them: the decorators of
 * {@link dev.gillab.lock} release or hold the lock around any {@link dev.gillab.kernel.Kernels}.
 */
package dev.gillab.binding;
