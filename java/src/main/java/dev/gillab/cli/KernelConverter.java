package dev.gillab.cli;

import dev.gillab.kernel.Kernel;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --kernel} by the kernel's command-line name. */
final class KernelConverter implements ITypeConverter<Kernel> {

    @Override
    public Kernel convert(String value) {
        try {
            return Kernel.byId(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** The names, for help texts. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Kernel.values()).map(Kernel::id).iterator();
        }
    }
}
