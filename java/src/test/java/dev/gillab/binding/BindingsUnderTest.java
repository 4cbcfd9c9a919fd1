package dev.gillab.binding;

import java.util.List;

/**
 * The bindings the contract tests run against: every {@link Binding}, or only
 * {@link Binding#JAVA} when the build skipped the native side.
 *
 * <p>Maven sets the system property {@code gillab.native.skip} from {@code -Dnative.skip}. When
 * it is not {@code true} every binding is under test, and one whose library cannot be loaded
 * fails its tests (its {@link Binding#kernels()} throws inside them); it is never skipped.
 */
public final class BindingsUnderTest {

    private BindingsUnderTest() {
    }

    /** The bindings under test, as a {@code @MethodSource}: {@code "dev.gillab.binding.BindingsUnderTest#all"}. */
    public static List<Binding> all() {
        return Boolean.getBoolean("gillab.native.skip") ? List.of(Binding.JAVA) : List.of(Binding.values());
    }
}
