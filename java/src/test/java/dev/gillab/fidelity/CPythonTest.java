package dev.gillab.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CPythonTest {

    /** A tiny effort: each script sizes its runs to 10 ms and measures once. */
    private static final Effort TINY = new Effort(0.01, 1);

    @Test
    void aMissingInterpreterIsUnavailableWithTheReasonAndRefusesToRun() {
        try (CPython python = CPython.locate("/nonexistent/python3")) {
            assertThat(python.available()).isFalse();
            assertThat(python.version()).isEqualTo("none");
            assertThat(python.describe()).startsWith("no python: ").contains("/nonexistent/python3");
            assertThatThrownBy(() -> python.run("sleep.py", "sleep", TINY, List.of()))
                    .isInstanceOf(CPythonException.class).hasMessageContaining("/nonexistent/python3");
        }
    }

    @Test
    void everyShippedScriptIsListedAndEveryListedScriptIsShipped() throws IOException, URISyntaxException {
        Path folder = Path.of(CPython.class.getResource(CPython.RESOURCE_FOLDER).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            List<String> shipped = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".py")).sorted()
                    .toList();
            assertThat(shipped).as("scripts under %s", CPython.RESOURCE_FOLDER)
                    .containsExactlyInAnyOrderElementsOf(CPython.SCRIPTS);
        }
    }

    @Test
    void anUnknownScriptIsRejectedBeforeAnythingRuns() {
        try (CPython python = CPython.locate(CPython.DEFAULT_EXECUTABLE)) {
            assumeThat(python.available()).as("python3 on the PATH").isTrue();
            assertThatThrownBy(() -> python.run("nope.py", "nope", TINY, List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.py");
        }
    }

    /**
     * The contract between the scripts and the Java side: each scenario's script, run for real
     * at a tiny size, yields every figure its metrics need (names match on both sides).
     */
    @Test
    void everyScenariosScriptYieldsTheFiguresItsMetricsNeed() {
        try (CPython python = CPython.locate(CPython.DEFAULT_EXECUTABLE)) {
            assumeThat(python.available()).as("python3 on the PATH").isTrue();
            assertThat(python.version()).startsWith("CPython 3.");
            for (Scenario s : Fidelity.scenarios()) {
                if (s instanceof LockComesBackScenario) {
                    assertThatThrownBy(() -> s.cpython(python, TINY)).as("it needs 3.13's sys._is_gil_enabled()")
                            .isInstanceOf(CPythonException.class).hasMessageContaining("_is_gil_enabled");
                } else if (s instanceof InterpretersScenario && !hasSubinterpreters(python)) {
                    assertThatThrownBy(() -> s.cpython(python, TINY)).as("without 3.13, it says how to get it")
                            .isInstanceOf(CPythonException.class).hasMessageContaining(FreeThreadedBuild.BUILD_COMMAND);
                } else {
                    // a free-threaded scenario's scripts run on any CPython: PYTHON_GIL is ignored before 3.13
                    assertYieldsItsFigures(s, s.cpython(python, TINY));
                }
            }
        }
    }

    /** Whether scenario 17 finds subinterpreters with their own lock: in {@code python}, or in a cached build. */
    private static boolean hasSubinterpreters(CPython python) {
        try {
            InterpretersScenario.withSubinterpreters(python, System.getenv());
            return true;
        } catch (CPythonException e) {
            return false;
        }
    }

    /** The same contract for the free-threaded scenarios on the free-threaded build, where there is one. */
    @Test
    void everyFreeThreadedScenariosScriptYieldsItsFiguresOnTheFreeThreadedBuild() {
        try (CPython python = FreeThreadedBuild.locate(null, System.getenv())) {
            assumeThat(python.available()).as("a free-threaded build (%s)", FreeThreadedBuild.BUILD_COMMAND).isTrue();
            for (Scenario s : FreeThreadedScenarios.all()) {
                assertYieldsItsFigures(s, s.cpython(python, TINY));
            }
        }
    }

    @Test
    void theScriptsNeverInheritPythonGilFromTheCaller() {
        try (CPython python = FreeThreadedBuild.locate(null, System.getenv())) {
            assumeThat(python.available()).as("a free-threaded build (%s)", FreeThreadedBuild.BUILD_COMMAND).isTrue();
            Figures lost = new FreeLostUpdateScenario().cpython(python, TINY);
            assertThat(lost.get(FreeThreadedScenarios.LOCK + "global +=").values())
                    .as("with PYTHON_GIL=1 no update is lost: no switch between the load and the store")
                    .containsOnly(0.0);
        }
    }

    private static void assertYieldsItsFigures(Scenario s, Figures figures) {
        for (Metric m : s.metrics()) {
            Series derived = m.derive().apply(figures);
            assertThat(derived.size()).as("scenario %d, %s: one value per repeat", s.info().number(), m.what())
                    .isGreaterThanOrEqualTo(1);
        }
    }
}
