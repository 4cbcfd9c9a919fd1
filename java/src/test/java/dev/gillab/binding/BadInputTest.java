package dev.gillab.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.gillab.kernel.BadInputs;
import dev.gillab.kernel.Kernels;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Contract: every binding rejects every class of bad input in Java, with the documented
 * exception and a message that starts with the parameter's name, so that nothing bad reaches C.
 * The classes are listed in {@link BadInputs}; each becomes one test per binding, named
 * "binding (N cases)" / "kernel: bad input -> exception" in the report.
 */
class BadInputTest {

    @TestFactory
    Stream<DynamicContainer> everyBindingRejectsEveryBadInput() {
        List<BadInputs.Case> cases = BadInputs.all();
        List<Binding> bindings = BindingsUnderTest.all();
        System.out.printf("BadInputTest: %d bad-input cases x %d binding(s) %s = %d tests%n",
                cases.size(), bindings.size(), bindings, cases.size() * bindings.size());
        return bindings.stream().map(binding -> dynamicContainer(
                binding + " (" + cases.size() + " cases)",
                cases.stream().map(c -> dynamicTest(c.displayName(), () -> c.assertRejectedBy(binding.kernels())))));
    }

    @Test
    void theCatalogueCoversEveryKernelThatTakesArgumentsWithRestrictions() {
        // add accepts every pair of ints, so it alone has no bad input.
        Set<String> kernelsWithArguments = Stream.of(Kernels.class.getMethods())
                .filter(method -> method.getParameterCount() > 0)
                .map(Method::getName)
                .filter(name -> !name.equals("add"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = BadInputs.all().stream().map(BadInputs.Case::kernel)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(covered).as("kernels with bad-input cases").isEqualTo(kernelsWithArguments);
    }
}
