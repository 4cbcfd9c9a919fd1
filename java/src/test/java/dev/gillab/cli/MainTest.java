package dev.gillab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.binding.Binding;
import dev.gillab.lesson.Catalogue;
import java.util.List;
import dev.gillab.kernel.JavaKernels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int gillab(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void runPrintsTheKernelsResultAndTheElapsedTime() {
        int code = gillab("run", "--kernel", "countdown", "--size", "1000");

        assertThat(code).as("exit code; stderr: %s", err).isZero();
        String expected = HexFormat.of().toHexDigits(new JavaKernels().countdown(1000));
        assertThat(out.toString()).contains("countdown(1000) via java: hash " + expected).contains("elapsed: ");
    }

    @Test
    void aNegativeSizeIsAUsageErrorNamingTheParameter() {
        int code = gillab("run", "--kernel", "countdown", "--size", "-5");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("gillab: ").contains("n must").contains("--help");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMatrixTooLargeToAllocateIsRejectedBeforeAllocation() {
        int code = gillab("run", "--kernel", "matmul", "--size", "100000");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("n must be in 1..4096, was 100000");
    }

    @Test
    void aBadMandelbrotIterationLimitIsAUsageErrorNamingIt() {
        int code = gillab("run", "--kernel", "mandelbrot", "--size", "8", "--max-iter", "0");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("maxIter must");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        int code = gillab("run", "--kernel", "fib", "--speed", "11");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option").contains("'--speed'").contains("gillab run --help");
    }

    @Test
    void aMissingKernelIsAUsageError() {
        assertThat(gillab("run")).isEqualTo(2);
        assertThat(err.toString()).contains("--kernel");
    }

    @Test
    void kernelsListsEveryKernelAndEveryBindingWithItsAvailability() {
        int code = gillab("kernels");

        assertThat(code).isZero();
        for (Binding b : Binding.values()) {
            assertThat(out.toString()).contains(b.id());
        }
        assertThat(out.toString()).contains("mandelbrot").contains("sha256").containsPattern("java +available");
    }

    @Test
    void lessonsAsMarkdownIsATableWithOneRowPerLesson() {
        assertThat(gillab("lessons", "--markdown")).isZero();

        List<String> rows = out.toString().lines().filter(l -> l.startsWith("| ")).toList();
        assertThat(rows).as("header + one row per lesson").hasSize(1 + Catalogue.all().size());
        assertThat(rows.get(1)).startsWith("| 01 | Pure Java under the lock | shows |");
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(gillab("--help")).isZero();
        assertThat(out.toString()).contains("kernels").contains("run");
    }
}
