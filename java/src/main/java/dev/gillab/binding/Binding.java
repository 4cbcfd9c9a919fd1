package dev.gillab.binding;

import dev.gillab.binding.ffm.FfmCallbacks;
import dev.gillab.binding.ffm.FfmKernels;
import dev.gillab.binding.javacpp.JavaCppCallbacks;
import dev.gillab.binding.javacpp.JavaCppKernels;
import dev.gillab.binding.jna.JnaCallbacks;
import dev.gillab.binding.jna.JnaDirectKernels;
import dev.gillab.binding.jna.JnaKernels;
import dev.gillab.binding.jna.JnaMemoryKernels;
import dev.gillab.kernel.CheckedKernels;
import dev.gillab.kernel.JavaKernels;
import dev.gillab.kernel.Kernels;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every way gillab can run its kernels: pure Java, and the C library through each native
 * binding, with the zero-copy and no-exception-handling variants as bindings of their own so
 * that benchmarks can put copying and pinned array passing, and the glue's overheads, side by
 * side.
 *
 * <p>{@link #kernels()} always returns a {@link CheckedKernels}: arguments are validated in
 * Java before anything crosses into C. A native binding whose library cannot be loaded
 * throws {@link NativeLibraryUnavailableException} with the reason; {@link #JAVA} always works.
 */
public enum Binding {

    /** Pure Java, run as plain Java (no lock). */
    JAVA(JavaKernels.NAME, "pure Java", JavaKernels::new),
    /** JNA interface mapping ({@code Native.load}): a proxy, arrays copied by JNA. */
    JNA("jna", "JNA interface mapping (Native.load), arrays copied", JnaKernels::new),
    /** JNA direct mapping ({@code Native.register}): static natives, arrays copied by JNA. */
    JNA_DIRECT("jna-direct", "JNA direct mapping (Native.register), arrays copied", JnaDirectKernels::new),
    /** JNA direct mapping through reused per-thread native {@code Memory}. */
    JNA_MEMORY("jna-memory", "JNA direct mapping, arrays through reused native Memory", JnaMemoryKernels::new),
    /** JavaCPP generated JNI glue, arrays copied. */
    JAVACPP("javacpp", "JavaCPP JNI glue, arrays copied", () -> new JavaCppKernels(JavaCppKernels.Glue.COPYING)),
    /** JavaCPP with {@code @CriticalRegion}: arrays pinned, not copied. */
    JAVACPP_CRITICAL("javacpp-critical", "JavaCPP with @CriticalRegion, arrays pinned",
            () -> new JavaCppKernels(JavaCppKernels.Glue.CRITICAL)),
    /** JavaCPP with {@code @NoException} on the call-overhead kernels: no C++ try / catch around noop and add. */
    JAVACPP_NOEXCEPTION("javacpp-noexception", "JavaCPP, noop and add with @NoException (no C++ exception handling)",
            () -> new JavaCppKernels(JavaCppKernels.Glue.NO_EXCEPTION)),
    /** FFM downcalls with {@code invokeExact}, arrays copied through a confined arena. */
    FFM("ffm", "FFM API downcalls (invokeExact), arrays copied", () -> new FfmKernels(false)),
    /**
     * FFM linked {@code Linker.Option.critical}: {@code critical(true)}, heap arrays with no copy, for the array
     * kernels; {@code critical(false)} for noop and add. For short calls only.
     */
    FFM_CRITICAL("ffm-critical", "FFM API linked critical, heap arrays, short calls only",
            () -> new FfmKernels(true));

    private final String id;
    private final String description;
    private final Supplier<Kernels> factory;

    Binding(String id, String description, Supplier<Kernels> factory) {
        this.id = id;
        this.description = description;
        this.factory = factory;
    }

    /** The name used on the command line and in reports, e.g. {@code jna-direct}. */
    public String id() {
        return id;
    }

    /** One line on how this binding calls the kernels. */
    public String description() {
        return description;
    }

    /** Whether this binding calls C (every binding but {@link #JAVA}). */
    public boolean isNative() {
        return this != JAVA;
    }

    /**
     * The kernels of this binding, validating their arguments in Java.
     *
     * @throws NativeLibraryUnavailableException if the native library cannot be loaded
     */
    public Kernels kernels() {
        return loaded(() -> new CheckedKernels(factory.get()));
    }

    /**
     * The callbacks of this binding ({@code gillab_sum_of_callbacks}), validating their
     * arguments in Java. The variants of a family share its callbacks: the JNA variants differ
     * only in how they pass arrays, and callbacks pass none; {@link #FFM_CRITICAL} uses the
     * ordinary FFM downcall, because a downcall linked {@code critical} must not call back
     * into Java.
     *
     * @throws NativeLibraryUnavailableException if the native library cannot be loaded
     */
    public Callbacks callbacks() {
        return loaded(() -> new CheckedCallbacks(switch (this) {
            case JAVA -> new JavaCallbacks();
            case JNA, JNA_DIRECT, JNA_MEMORY -> new JnaCallbacks();
            case JAVACPP, JAVACPP_CRITICAL, JAVACPP_NOEXCEPTION -> new JavaCppCallbacks();
            case FFM, FFM_CRITICAL -> new FfmCallbacks();
        }));
    }

    /**
     * Runs a factory of this binding, turning a failure to load its library into
     * {@link NativeLibraryUnavailableException}.
     */
    private <T> T loaded(Supplier<T> factory) {
        try {
            return factory.get();
        } catch (NativeLibraryUnavailableException e) {
            throw e;
        } catch (LinkageError | IllegalArgumentException e) {
            throw unavailable(e);
        }
    }

    /** Why this binding cannot be used here, or empty if it can. */
    public Optional<String> unavailableReason() {
        try {
            kernels();
            return Optional.empty();
        } catch (NativeLibraryUnavailableException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The binding with this {@link #id()}. */
    public static Binding byId(String id) {
        return Arrays.stream(values()).filter(b -> b.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown binding '" + id + "'; known: "
                        + String.join(", ", Arrays.stream(values()).map(Binding::id).toList())));
    }

    /**
     * The first failure explains it: a later attempt to use a class whose static initialiser
     * failed gets a {@code NoClassDefFoundError} whose cause chain carries the original error.
     */
    private NativeLibraryUnavailableException unavailable(Throwable e) {
        Throwable root = e;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof NativeLibraryUnavailableException n) {
                return n;
            }
            root = c;
        }
        return new NativeLibraryUnavailableException("binding " + id + " is unavailable: " + root
                + ". Build the native libraries with: " + NativeLibrary.BUILD_COMMAND, e);
    }

    @Override
    public String toString() {
        return id;
    }
}
