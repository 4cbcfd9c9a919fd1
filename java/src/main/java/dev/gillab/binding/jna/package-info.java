/**
 * The C kernels and callbacks through JNA: interface mapping ({@code Native.load}, a proxy that
 * marshals by reflection), direct mapping ({@code Native.register}, static natives) and direct
 * mapping with arrays in reused native {@code Memory}.
 *
 * <p>Start with {@link dev.gillab.binding.jna.JnaLibrary} and
 * {@link dev.gillab.binding.jna.JnaDirectLibrary}, the two mappings of {@code gillab.h}; the
 * {@code *Kernels} classes implement {@link dev.gillab.kernel.Kernels} over them, and
 * {@link dev.gillab.binding.Binding} hands them out, checked.
 */
package dev.gillab.binding.jna;
