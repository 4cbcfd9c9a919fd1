/**
 * The C kernels and callbacks through the FFM API ({@code java.lang.foreign}, JEP 454).
 *
 * <p>Start with {@link dev.gillab.binding.ffm.FfmLibrary}: the downcall handles, made once as
 * constants, normal and critical ({@code critical(true)} for the kernels that pass heap arrays
 * without a copy); {@link dev.gillab.binding.ffm.FfmKernels} uses one set or the other, and
 * {@link dev.gillab.binding.ffm.FfmCallbacks} an upcall stub.
 */
package dev.gillab.binding.ffm;
