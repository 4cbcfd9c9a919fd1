package dev.gillab.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 17: which CPython it runs, and gillab's side at the smallest effort. */
class InterpretersScenarioTest {

    @Test
    void aCPythonWithoutSubinterpretersAndNoCachedBuildSaysHowToGetOne(@TempDir Path emptyCache) {
        CPython python = CPython.locate("python3");
        assumeThat(python.available()).as("python3 on PATH").isTrue();
        assumeThat(python.evaluate("import sys; print(sys.version_info >= (3, 13))")).as("a python3 older than 3.13")
                .isEqualTo("False");

        assertThatThrownBy(() -> InterpretersScenario.withSubinterpreters(python,
                Map.of("XDG_CACHE_HOME", emptyCache.toString())))
                .isInstanceOf(CPythonException.class)
                .hasMessageContaining("no subinterpreters").hasMessageContaining(FreeThreadedBuild.BUILD_COMMAND);
    }

    @Test
    void gillabsSideTimesTwoThreadsAndTwoInterpreters() {
        Figures figures = new InterpretersScenario().gillab(new Effort(0.05, 1));

        assertThat(figures.get("threads2").min()).isPositive();
        assertThat(figures.get("interpreters2").min()).isPositive();
        assertThat(new InterpretersScenario().metrics().get(0).derive().apply(figures).values())
                .allMatch(Double::isFinite);
    }
}
