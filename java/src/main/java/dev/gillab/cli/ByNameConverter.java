package dev.gillab.cli;

import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses an option by name with a lookup that throws {@link IllegalArgumentException} naming
 * the known values; picocli then reports that message as a one-line usage error.
 */
abstract class ByNameConverter<T> implements ITypeConverter<T> {

    private final Function<String, T> lookup;

    ByNameConverter(Function<String, T> lookup) {
        this.lookup = lookup;
    }

    @Override
    public final T convert(String value) {
        try {
            return lookup.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
