package dev.gillab.cli;

import dev.gillab.binding.Binding;
import java.util.Arrays;
import java.util.Iterator;

/** Parses {@code --binding} by the binding's command-line name. */
final class BindingConverter extends ByNameConverter<Binding> {

    BindingConverter() {
        super(Binding::byId);
    }

    /** The names, for help texts. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Binding.values()).map(Binding::id).iterator();
        }
    }
}
