package dev.gillab.cli;

import static dev.gillab.cli.CliRun.gillab;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json}: each command's document parsed back with Jackson, its documented fields
 * (docs/JSON.md) present with the values the run had.
 */
class JsonOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode parse(CliRun run) throws Exception {
        assertThat(run.code()).as("exit code; stderr: %s", run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private static List<String> fields(JsonNode node) {
        return iterable(node.fieldNames());
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }

    @Test
    void runPrintsTheKernelTheBindingTheResultAndTheTime() throws Exception {
        JsonNode run = parse(gillab("run", "--kernel", "countdown", "--size", "1000", "--json"));

        assertThat(fields(run)).containsExactly("schema", "command", "kernel", "binding", "size", "maxIter", "result",
                "elapsedMillis");
        assertThat(run.get("schema").asInt()).isEqualTo(JsonOutput.SCHEMA);
        assertThat(run.get("command").asText()).isEqualTo("run");
        assertThat(run.get("kernel").asText()).isEqualTo("countdown");
        assertThat(run.get("binding").asText()).isEqualTo("java");
        assertThat(run.get("size").asLong()).isEqualTo(1000);
        assertThat(run.get("result").asText()).isNotBlank();
        assertThat(run.get("elapsedMillis").asDouble()).isPositive();
    }

    @Test
    void kernelsListsEveryKernelAndEveryBindingWithItsAvailability() throws Exception {
        JsonNode kernels = parse(gillab("kernels", "--json"));

        assertThat(fields(kernels)).containsExactly("schema", "command", "kernels", "bindings");
        assertThat(iterable(kernels.get("kernels").elements())).extracting(k -> k.get("id").asText())
                .contains("countdown", "sha256", "noop");
        JsonNode countdown = kernels.get("kernels").get(0);
        assertThat(fields(countdown)).containsExactly("id", "size", "defaultSize");
        JsonNode java = iterable(kernels.get("bindings").elements()).stream()
                .filter(b -> b.get("id").asText().equals("java")).findFirst().orElseThrow();
        assertThat(fields(java)).containsExactly("id", "description", "available", "unavailableReason");
        assertThat(java.get("available").asBoolean()).as("pure Java always loads").isTrue();
        assertThat(java.get("unavailableReason").isNull()).isTrue();
    }

    @Test
    void lessonPrintsItsRowsConclusionMetricsAndWithOutTheFilesItWrote() throws Exception {
        CliRun run = gillab("lesson", "01", "--scale", "0.01", "--threads", "1,2", "--json", "--out", dir.toString());
        JsonNode lesson = parse(run);

        assertThat(fields(lesson)).containsExactly("schema", "command", "number", "title", "verdict", "analogue",
                "expected", "rows", "conclusion", "metrics", "expectations", "files");
        assertThat(lesson.get("number").asInt()).isEqualTo(1);
        assertThat(iterable(lesson.get("rows").elements())).hasSize(2).first().satisfies(row -> {
            assertThat(fields(row)).containsExactly("label", "threads", "wallMillis", "speedup", "switches",
                    "forcedDrops", "lockWaitShare", "extra");
            assertThat(row.get("threads").asInt()).isEqualTo(1);
            assertThat(row.get("speedup").asDouble()).isEqualTo(1.0);
        });
        assertThat(lesson.get("metrics").has("speedup.2")).isTrue();
        JsonNode speedup2 = iterable(lesson.get("expectations").elements()).stream()
                .filter(e -> e.get("metric").asText().equals("speedup.2")).findFirst().orElseThrow();
        assertThat(fields(speedup2)).containsExactly("metric", "meaning", "value", "low", "lowIncluded", "high",
                "highIncluded", "needs", "cpython", "held");
        assertThat(speedup2.get("value").asDouble()).isEqualTo(lesson.get("metrics").get("speedup.2").asDouble());
        assertThat(speedup2.get("needs").asText()).isEqualTo("IDLE_MACHINE");
        JsonNode speedup4 = iterable(lesson.get("expectations").elements()).stream()
                .filter(e -> e.get("metric").asText().equals("speedup.4")).findFirst().orElseThrow();
        assertThat(speedup4.get("value").isNull()).as("--threads 1,2 measured no 4-thread run").isTrue();
        assertThat(speedup4.get("held").asBoolean()).isFalse();
        assertThat(lesson.get("conclusion").asText()).isNotBlank();
        assertThat(Path.of(lesson.get("files").get("chart").asText())).isEqualTo(dir.resolve("lesson01-chart.png"))
                .isRegularFile();
        assertThat(Path.of(lesson.get("files").get("timeline").asText())).isRegularFile();
        assertThat(Path.of(lesson.get("files").get("trace").asText())).isRegularFile();
        assertThat(run.out()).as("nothing but the document on stdout").doesNotContain("analogue:");
    }

    @Test
    void lessonWithOutAloneWritesTheChartAndTimelineAsTheDemoDoes() throws Exception {
        CliRun run = gillab("lesson", "01", "--scale", "0.01", "--threads", "1,2", "--out", dir.toString());

        assertThat(run.code()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("=> ").contains("wrote the chart, the lock timeline and its trace into " + dir);
        assertThat(dir.resolve("lesson01-chart.png")).isNotEmptyFile();
        assertThat(dir.resolve("lesson01-timeline.svg")).isNotEmptyFile();
        assertThat(dir.resolve("lesson01-timeline.json")).isNotEmptyFile();
    }

    @Test
    void lessonWithoutOutWritesNothing() throws Exception {
        CliRun run = gillab("lesson", "01", "--scale", "0.01", "--threads", "1,2", "--json");

        assertThat(parse(run).get("files").isNull()).isTrue();
    }

    @Test
    void fidelityPrintsTheReportAndSendsItsProgressToStandardError() throws Exception {
        CliRun run = gillab("fidelity", "--quick", "--python", "/nonexistent", "--scenarios", "6", "--out",
                dir.toString(), "--json");
        JsonNode report = parse(run);

        assertThat(fields(report)).containsExactly("schema", "command", "commandLine", "machine", "effort", "scenarios",
                "summary", "files");
        assertThat(fields(report.get("machine"))).containsExactly("cores", "cpu", "jdk", "cpython", "os", "date",
                "loadBefore", "loadAfter");
        JsonNode scenario = report.get("scenarios").get(0);
        assertThat(fields(scenario)).containsExactly("number", "title", "unit", "cpythonSeconds", "gillabSeconds",
                "comparisons");
        assertThat(scenario.get("number").asInt()).isEqualTo(6);
        JsonNode comparison = scenario.get("comparisons").get(0);
        assertThat(fields(comparison)).containsExactly("what", "cpython", "cpythonMedian", "gillab", "gillabMedian",
                "tolerance", "judgement", "holds", "note");
        assertThat(comparison.get("cpython").isNull()).as("no python here").isTrue();
        assertThat(comparison.get("gillabMedian").asDouble()).isPositive();
        assertThat(comparison.get("judgement").asText()).isEqualTo("no CPython figure");
        assertThat(Path.of(report.get("files").get("markdown").asText())).isEqualTo(dir.resolve("fidelity.md"));
        assertThat(Files.exists(dir.resolve("fidelity-06.png"))).isTrue();
        assertThat(run.err()).contains("running gillab's side alone");
    }
}
