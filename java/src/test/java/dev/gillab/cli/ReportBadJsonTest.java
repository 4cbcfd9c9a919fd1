package dev.gillab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code gillab report} on files shaped like JMH's JSON but wrong in one field: each is refused
 * with one line naming the file, the entry and the field, exit code 2, and nothing written.
 * Each row takes a valid file of two entries and breaks one thing in its second entry.
 */
class ReportBadJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECOND = "entry 2 (dev.gillab.bench.CallOverheadBenchmark.noop)";

    @TempDir
    Path dir;

    static Stream<Arguments> badEntries() {
        return Stream.of(
                row("score 0", SECOND + ": primaryMetric.score must be a finite number > 0, was 0",
                        e -> metric(e).put("score", 0)),
                row("negative score", "primaryMetric.score must be a finite number > 0, was -3.5",
                        e -> metric(e).put("score", -3.5)),
                row("score Infinity", "primaryMetric.score must be a finite number > 0, was \"Infinity\"",
                        e -> metric(e).put("score", "Infinity")),
                row("score NaN", "primaryMetric.score must be a finite number > 0, was \"NaN\"",
                        e -> metric(e).put("score", "NaN")),
                row("score missing", "primaryMetric.score must be a finite number > 0", e -> metric(e).remove("score")),
                row("no primaryMetric", SECOND + ": primaryMetric must be an object", e -> e.remove("primaryMetric")),
                row("params an array", SECOND + ": params must be an object of parameter values, was [\"ffm\"]",
                        e -> e.putArray("params").add("ffm")),
                row("a param an object", "params.binding must be a plain value",
                        e -> e.putObject("params").putObject("binding")),
                row("empty benchmark name", "entry 2: benchmark must be a non-empty name, was \"\"",
                        e -> e.put("benchmark", "")),
                row("no benchmark name", "entry 2: benchmark must be a non-empty name", e -> e.remove("benchmark")),
                row("unknown mode", "mode must be one of [avgt, sample, ss, thrpt], was \"fast\"",
                        e -> e.put("mode", "fast")),
                row("threads 0", "threads must be an integer >= 1, was 0", e -> e.put("threads", 0)),
                row("percentile key not a number", "scorePercentiles keys must be percentiles in 0..100, was \"p50\"",
                        e -> metric(e).putObject("scorePercentiles").put("p50", 1.0)),
                row("percentile key above 100", "scorePercentiles keys must be percentiles in 0..100, was \"150\"",
                        e -> metric(e).putObject("scorePercentiles").put("150", 1.0)),
                row("scoreError text", "primaryMetric.scoreError must be a number or \"NaN\", was \"big\"",
                        e -> metric(e).put("scoreError", "big")),
                row("duplicate entry", "entry 2 (dev.gillab.bench.CallOverheadBenchmark.add) repeats entry 1",
                        e -> e.put("benchmark", "dev.gillab.bench.CallOverheadBenchmark.add")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEntries")
    void aBadFieldIsNamedWithItsFileAndEntry(String what, String fragment, Consumer<ObjectNode> breakIt)
            throws Exception {
        ArrayNode results = valid();
        breakIt.accept((ObjectNode) results.get(1));
        Path file = dir.resolve("results.json");
        JSON.writeValue(file.toFile(), results);

        assertRefused(file, fragment);
    }

    @Test
    void theValidFileTheRowsBreakIsAccepted() throws Exception {
        Path file = dir.resolve("results.json");
        JSON.writeValue(file.toFile(), valid());

        CliRun run = CliRun.gillab("report", file.toString(), "--out", dir.resolve("report").toString());

        assertThat(run.code()).as("exit code; err: %s", run.err()).isZero();
    }

    @Test
    void anythingAfterTheArrayIsRefused() throws Exception {
        Path file = dir.resolve("results.json");
        Files.writeString(file, JSON.writeValueAsString(valid()) + "\n{\"benchmark\": \"x\"}\n");

        assertRefused(file, "is not JSON (line 2, column 1): Trailing token");
    }

    @Test
    void anEntryThatIsNotAnObjectIsRefused() throws Exception {
        Path file = dir.resolve("results.json");
        ArrayNode results = valid();
        results.add(42);
        JSON.writeValue(file.toFile(), results);

        assertRefused(file, "entry 3 must be a JSON object, was number");
    }

    /** A sparse file: gigabytes long at no cost on disk, refused by its size before anything reads it. */
    @Test
    void aFileTooLargeForTheHeapIsRefusedBeforeReadingIt() throws Exception {
        Path file = dir.resolve("huge.json");
        long size = Runtime.getRuntime().maxMemory();
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }

        CliRun run = CliRun.gillab("report", file.toString(), "--out", dir.resolve("report").toString());

        assertThat(run.code()).as("exit code; err: %s", run.err()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow()).startsWith("gillab: reading RESULTS.json " + file)
                .contains("needs about").contains("-Xmx");
    }

    private void assertRefused(Path file, String fragment) {
        Path out = dir.resolve("report");
        CliRun run = CliRun.gillab("report", file.toString(), "--out", out.toString());

        assertThat(run.code()).as("exit code; err: %s", run.err()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow()).as("the error line")
                .startsWith("gillab: " + file).contains(fragment);
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ");
        assertThat(out.resolve("report.md")).as("nothing written").doesNotExist();
    }

    /** Two valid entries: CallOverheadBenchmark.add and .noop, through ffm. */
    private static ArrayNode valid() {
        ArrayNode results = JSON.createArrayNode();
        for (String method : new String[] {"add", "noop"}) {
            ObjectNode e = results.addObject();
            e.put("jmhVersion", "1.37");
            e.put("benchmark", "dev.gillab.bench.CallOverheadBenchmark." + method);
            e.put("mode", "avgt");
            e.put("threads", 1);
            e.put("forks", 1);
            e.putObject("params").put("binding", "ffm");
            ObjectNode metric = e.putObject("primaryMetric");
            metric.put("score", 12.5);
            metric.put("scoreError", 0.5);
            metric.putObject("scorePercentiles").put("0.0", 12.0).put("50.0", 12.5).put("100.0", 13.0);
            metric.put("scoreUnit", "ns/op");
            e.putObject("secondaryMetrics");
        }
        return results;
    }

    private static ObjectNode metric(ObjectNode entry) {
        return (ObjectNode) entry.get("primaryMetric");
    }

    private static Arguments row(String what, String fragment, Consumer<ObjectNode> breakIt) {
        return Arguments.of(what, fragment, breakIt);
    }
}
