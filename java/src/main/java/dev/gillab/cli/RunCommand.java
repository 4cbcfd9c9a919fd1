package dev.gillab.cli;

import dev.gillab.binding.Binding;
import dev.gillab.kernel.Kernel;
import dev.gillab.kernel.Kernels;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gillab run}: one kernel, once, through one binding; prints the result and the time. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one kernel once through one binding and print its result and elapsed time.")
final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-k", "--kernel"}, required = true, converter = KernelConverter.class,
            description = "The kernel: ${COMPLETION-CANDIDATES}.", completionCandidates = KernelConverter.Names.class)
    private Kernel kernel;

    @Option(names = {"-b", "--binding"}, defaultValue = "java", converter = BindingConverter.class,
            description = "The binding: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = BindingConverter.Names.class)
    private Binding binding;

    @Option(names = {"-s", "--size"},
            description = "The kernel's size (see 'gillab kernels'); default: the kernel's own.")
    private Long size;

    @Option(names = "--max-iter", paramLabel = "N",
            description = "Mandelbrot's iteration limit (default: " + Kernel.DEFAULT_MAX_ITER
                    + "); only for mandelbrot.")
    private Integer maxIter;

    @Option(names = "--json",
            description = "Print the result as one JSON document (fields: docs/JSON.md) instead of text.")
    private boolean json;

    @Override
    public Integer call() {
        if (maxIter != null && !kernel.takesMaxIter()) {
            throw new IllegalArgumentException("--max-iter is only for mandelbrot; kernel " + kernel.id()
                    + " has none");
        }
        int iterations = maxIter == null ? Kernel.DEFAULT_MAX_ITER : maxIter;
        long n = size == null ? kernel.defaultSize() : size;
        kernel.checkArguments(n, iterations);
        HeapBudget.require(kernel.id() + " at size " + n, kernel.heapBytes(n, !binding.isNative()));
        Kernels kernels = binding.kernels();
        Supplier<Object> call = kernel.prepare(kernels, n, iterations);
        long start = System.nanoTime();
        Object result = call.get();
        long elapsed = System.nanoTime() - start;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, JsonOutput.RunJson.of(kernel, binding, n, iterations, kernel.summarize(result),
                    elapsed));
            return 0;
        }
        out.printf(Locale.ROOT, "%s(%d) via %s: %s%n", kernel.id(), n, binding.id(), kernel.summarize(result));
        out.printf(Locale.ROOT, "elapsed: %.3f ms%n", elapsed / 1e6);
        out.flush();
        return 0;
    }
}
