package dev.gillab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.gillab.fidelity.CPython;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gillab fidelity}, end to end on its cheapest scenario (6: sleeping threads, about a second a side). */
class FidelityCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int gillab(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void withoutPythonItSaysSoAndRunsGillabsSideAlone(@TempDir Path dir) throws Exception {
        int code = gillab("fidelity", "--quick", "--python", "/nonexistent", "--scenarios", "6", "--out",
                dir.toString());

        assertThat(code).as("exit code; stderr: %s", err).isZero();
        assertThat(out.toString()).contains("running gillab's side alone").contains("no CPython figure");
        String md = Files.readString(dir.resolve("fidelity.md"));
        assertThat(md).contains("| 6 | sleep, 10 threads").contains("| - |").contains("/nonexistent");
        assertThat(dir.resolve("fidelity-06.png")).exists();
        assertThat(dir.resolve("fidelity-06.svg")).as("no SVG: XChart draws glyphs as outlines").doesNotExist();
    }

    @Test
    void withPythonBothSidesRunAndEveryRowIsJudged(@TempDir Path dir) throws Exception {
        try (CPython python = CPython.locate(CPython.DEFAULT_EXECUTABLE)) {
            assumeThat(python.available()).as("python3 on the PATH").isTrue();
        }

        int code = gillab("fidelity", "--quick", "--scenarios", "6", "--out", dir.toString());

        assertThat(code).as("exit code; stderr: %s", err).isZero();
        String md = Files.readString(dir.resolve("fidelity.md"));
        assertThat(md).contains("sleep, 10 threads (time.sleep / interpreter.sleep)")
                .contains("sleep, 10 tasks (asyncio coroutines / virtual threads)")
                .doesNotContain("no CPython figure").doesNotContain("no gillab figure")
                .contains("2 comparisons");
    }

    @Test
    void withoutTheFreeThreadedBuildItsScenariosAreSkippedNotFailed(@TempDir Path dir) throws Exception {
        int code = gillab("fidelity", "--quick", "--python", "/nonexistent",
                "--free-threaded", "/nonexistent/python3.13t", "--scenarios", "6,11", "--out", dir.toString());

        assertThat(code).as("exit code; stderr: %s", err).isZero();
        assertThat(out.toString())
                .contains("The free-threaded scenarios are skipped. Build it with: ./gillab build-cpython");
        String md = Files.readString(dir.resolve("fidelity.md"));
        assertThat(md).contains("| 11 | t2/t1, PYTHON_GIL=0 / free | - | - |").contains("| skipped |")
                .contains("11. skipped: ").contains("/nonexistent/python3.13t").contains("rows skipped");
        assertThat(dir.resolve("fidelity-06.png")).as("the other scenario ran").exists();
        assertThat(dir.resolve("fidelity-11.png")).as("nothing measured, nothing drawn").doesNotExist();
    }

    @Test
    void anUnknownScenarioIsAUsageError() {
        assertThat(gillab("fidelity", "--scenarios", "99")).isEqualTo(2);
        assertThat(err.toString()).contains("no fidelity scenario 99");
    }
}
