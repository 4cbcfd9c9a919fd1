package dev.gillab.cli;

import dev.gillab.kernel.Kernel;
import java.util.Arrays;
import java.util.Iterator;

/** Parses {@code --kernel} by the kernel's command-line name. */
final class KernelConverter extends ByNameConverter<Kernel> {

    KernelConverter() {
        super(Kernel::byId);
    }

    /** The names, for help texts. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Kernel.values()).map(Kernel::id).iterator();
        }
    }
}
