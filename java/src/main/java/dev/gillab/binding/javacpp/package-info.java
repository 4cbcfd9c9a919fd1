/**
 * The C kernels and callbacks through JavaCPP's generated JNI glue.
 *
 * <p>Start with {@link dev.gillab.binding.javacpp.JavaCppLibrary}: the mapping of
 * {@code gillab.h} from which the build generates and compiles the glue, with the variants that
 * pin arrays ({@code @CriticalRegion}) and that leave out C++ exception handling
 * ({@code @NoException}). {@link dev.gillab.binding.javacpp.JavaCppKernels} picks one of them
 * per {@link dev.gillab.binding.Binding}.
 */
package dev.gillab.binding.javacpp;
