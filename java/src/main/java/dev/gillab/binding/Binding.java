package dev.gillab.binding;

import dev.gillab.kernel.Kernels;

/** Placeholder: replaced by the bindings work. */
public enum Binding {
    JAVA;

    public Kernels kernels() {
        throw new UnsupportedOperationException("placeholder");
    }
}
