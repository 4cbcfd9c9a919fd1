package dev.gillab.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScriptOutputTest {

    private static final String COUNTDOWN = """
            {"scenario": "countdown", "python": "3.11.7", "implementation": "CPython", "params": {"n": 7596247}, \
            "figures": {"t1@5000us": [0.33, 0.23], "t2@5000us": [0.24, 0.21]}}""";

    @Test
    void theFiguresOfTheLastLineAreReadInOrderWithOneValuePerRepeat() {
        Figures f = ScriptOutput.parse("calibrating...\n" + COUNTDOWN + "\n\n", "countdown");

        assertThat(f.series().keySet()).as("figure names, in the script's order")
                .containsExactly("t1@5000us", "t2@5000us");
        assertThat(f.get("t1@5000us").values()).as("one value per repeat").containsExactly(0.33, 0.23);
        assertThat(f.get("t2@5000us").median()).as("median of two").isEqualTo((0.24 + 0.21) / 2);
    }

    @Test
    void integersAreFiguresToo() {
        Figures f = ScriptOutput.parse("{\"scenario\": \"x\", \"figures\": {\"lost\": [0, 1]}}", "x");

        assertThat(f.get("lost").values()).as("JSON integers read as numbers").containsExactly(0.0, 1.0);
    }

    @Test
    void theOutputOfAnotherScenarioIsRejectedNamingBoth() {
        assertThatThrownBy(() -> ScriptOutput.parse(COUNTDOWN, "echo"))
                .isInstanceOf(CPythonException.class).hasMessageContaining("'echo'")
                .hasMessageContaining("'countdown'");
    }

    @Test
    void aTracebackInsteadOfJsonIsRejectedQuotingIt() {
        assertThatThrownBy(() -> ScriptOutput.parse("Traceback (most recent call last):\nZeroDivisionError",
                "countdown"))
                .isInstanceOf(CPythonException.class).hasMessageContaining("no JSON")
                .hasMessageContaining("ZeroDivisionError");
    }

    @Test
    void emptyOutputIsRejected() {
        assertThatThrownBy(() -> ScriptOutput.parse("  \n", "countdown"))
                .isInstanceOf(CPythonException.class).hasMessageContaining("printed nothing");
    }

    @Test
    void aJsonValueThatIsNotAnObjectIsRejected() {
        assertThatThrownBy(() -> ScriptOutput.parse("[1, 2]", "countdown"))
                .isInstanceOf(CPythonException.class).hasMessageContaining("no JSON object");
    }

    @Test
    void outputWithoutFiguresIsRejected() {
        assertThatThrownBy(() -> ScriptOutput.parse("{\"scenario\": \"x\", \"figures\": {}}", "x"))
                .isInstanceOf(CPythonException.class).hasMessageContaining("no figures");
    }

    @Test
    void aFigureThatIsNotAListOfNumbersIsRejectedNamingIt() {
        assertThatThrownBy(() -> ScriptOutput.parse("{\"scenario\": \"x\", \"figures\": {\"t1\": 3}}", "x"))
                .isInstanceOf(CPythonException.class).hasMessageContaining("'t1'");
        assertThatThrownBy(() -> ScriptOutput.parse("{\"scenario\": \"x\", \"figures\": {\"t1\": [1, \"a\"]}}", "x"))
                .isInstanceOf(CPythonException.class).hasMessageContaining("'t1'").hasMessageContaining("non-number");
        assertThatThrownBy(() -> ScriptOutput.parse("{\"scenario\": \"x\", \"figures\": {\"t1\": []}}", "x"))
                .isInstanceOf(CPythonException.class).hasMessageContaining("non-empty");
    }
}
