package dev.gillab.binding;

import dev.gillab.kernel.CheckedKernels;
import dev.gillab.kernel.JavaKernels;
import dev.gillab.kernel.Kernels;

/** Placeholder: replaced by the bindings work. */
public enum Binding {
    JAVA;

    public Kernels kernels() {
        return new CheckedKernels(new JavaKernels());
    }
}
