package dev.gillab.binding;

import dev.gillab.binding.ffm.FfmKernels;
import dev.gillab.binding.jna.JnaDirectKernels;
import dev.gillab.binding.jna.JnaKernels;

/** The main class of {@link NativeLibraryTest}'s forked JVM: loads the library through JNA and FFM, calls it, exits. */
public final class LoadsNativeLibrary {

    private LoadsNativeLibrary() {
    }

    public static void main(String[] args) {
        int sum = new JnaKernels().add(1, 2) + new JnaDirectKernels().add(3, 4) + new FfmKernels(false).add(5, 6);
        System.out.println("loaded from " + NativeLibrary.file() + ", sum " + sum);
    }
}
