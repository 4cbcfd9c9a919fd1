package dev.gillab.cli;

import dev.gillab.binding.Binding;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --binding} by the binding's command-line name. */
final class BindingConverter implements ITypeConverter<Binding> {

    @Override
    public Binding convert(String value) {
        try {
            return Binding.byId(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** The names, for help texts. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Binding.values()).map(Binding::id).iterator();
        }
    }
}
