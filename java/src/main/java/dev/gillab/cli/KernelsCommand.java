package dev.gillab.cli;

import dev.gillab.binding.Binding;
import dev.gillab.kernel.Kernel;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gillab kernels}: every kernel with its size, every binding with its availability. */
@Command(name = "kernels", mixinStandardHelpOptions = true,
        description = "List the kernels and the bindings, and whether each binding loads here.")
final class KernelsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--json",
            description = "Print the lists as one JSON document (fields: docs/JSON.md) instead of text.")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, JsonOutput.KernelsJson.now());
            return 0;
        }
        out.println("Kernels (--kernel; --size means):");
        for (Kernel k : Kernel.values()) {
            out.printf("  %-11s %s%s%n", k.id(), k.sizeMeaning(),
                    k.takesSize() ? " (default " + k.defaultSize() + ")" : "");
        }
        out.println();
        out.println("Bindings (--binding):");
        for (Binding b : Binding.values()) {
            Optional<String> reason = b.unavailableReason();
            out.printf("  %-17s %-11s %s%n", b.id(), reason.isEmpty() ? "available" : "UNAVAILABLE", b.description());
            reason.ifPresent(r -> out.println("                    " + r));
        }
        out.flush();
        return 0;
    }
}
