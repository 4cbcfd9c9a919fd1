package dev.gillab.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A JMH JSON result file ({@code -rf json}, or {@code gillab bench}'s {@code results.json}):
 * its entries, and the JDK that ran them.
 *
 * @param jdk the JSON's {@code vmName jdkVersion (vmVersion)} of the first entry; empty when the file has none
 */
public record JmhResults(List<JmhResult> entries, String jdk) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The modes JMH writes: throughput, average time, sample time, single shot. */
    private static final Set<String> MODES = Set.of("thrpt", "avgt", "sample", "ss");

    public JmhResults {
        entries = List.copyOf(entries);
    }

    /**
     * Reads {@code file}, checking every field the report uses, so that a file JMH did not
     * write is refused with its name, the entry and the field rather than by a chart: the
     * entry a non-empty {@code benchmark} name, a known {@code mode}, {@code threads} >= 1,
     * {@code params} absent or an object of plain values, {@code primaryMetric.score} a finite
     * number > 0 (charts are logarithmic), {@code scoreError} a number or "NaN", percentile
     * keys numbers in 0..100, and no two entries of the same benchmark, mode, threads and
     * parameters. Nothing may follow the array.
     *
     * @throws IllegalArgumentException if it is not such a JMH JSON array of results
     * @throws UncheckedIOException if it cannot be read
     */
    public static JmhResults read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new IllegalArgumentException(file + " is not JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(file + " is not a JMH result file (a JSON array of benchmark results)");
        }
        List<JmhResult> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < root.size(); i++) {
            String where = file + ": entry " + (i + 1);
            JmhResult entry = entry(where, root.get(i));
            Integer earlier = seen.putIfAbsent(entry.key(), i + 1);
            if (earlier != null) {
                throw new IllegalArgumentException(where + " (" + entry.benchmark() + ") repeats entry " + earlier
                        + ": same benchmark, mode, threads and params");
            }
            entries.add(entry);
        }
        String jdk = "";
        if (!root.isEmpty()) {
            JsonNode first = root.get(0);
            jdk = (first.path("vmName").asText("") + " " + first.path("jdkVersion").asText("") + " ("
                    + first.path("vmVersion").asText("") + ")").trim();
        }
        return new JmhResults(entries, jdk);
    }

    private static JmhResult entry(String where, JsonNode node) {
        if (!node.isObject()) {
            String type = node.getNodeType().name().toLowerCase(Locale.ROOT);
            throw invalid(where, "", "must be a JSON object, was " + type);
        }
        JsonNode name = node.path("benchmark");
        if (!name.isTextual() || name.asText().isBlank()) {
            throw invalid(where, "benchmark", "must be a non-empty name, was " + name);
        }
        String benchmark = name.asText();
        where = where + " (" + benchmark + ")";
        JsonNode mode = node.path("mode");
        if (!MODES.contains(mode.asText(""))) {
            throw invalid(where, "mode", "must be one of " + new TreeSet<>(MODES) + ", was " + mode);
        }
        JsonNode threads = node.path("threads");
        boolean threadCount = threads.isIntegralNumber() && threads.canConvertToInt() && threads.asInt() >= 1;
        if (!threads.isMissingNode() && !threadCount) {
            throw invalid(where, "threads", "must be an integer >= 1, was " + threads);
        }
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode paramsNode = node.path("params");
        if (!paramsNode.isMissingNode()) {
            if (!paramsNode.isObject()) {
                throw invalid(where, "params", "must be an object of parameter values, was " + paramsNode);
            }
            for (Map.Entry<String, JsonNode> e : paramsNode.properties()) {
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw invalid(where, "params." + e.getKey(), "must be a plain value, was " + e.getValue());
                }
                params.put(e.getKey(), e.getValue().asText());
            }
        }
        JsonNode metric = node.path("primaryMetric");
        if (!metric.isObject()) {
            throw invalid(where, "primaryMetric", "must be an object with a score, was " + metric);
        }
        double score = number(metric.path("score"));
        if (!(Double.isFinite(score) && score > 0)) {
            throw invalid(where, "primaryMetric.score", "must be a finite number > 0, was " + metric.path("score"));
        }
        JsonNode error = metric.path("scoreError");
        if (!error.isMissingNode() && !error.isNumber() && !error.asText("").equals("NaN")) {
            throw invalid(where, "primaryMetric.scoreError", "must be a number or \"NaN\", was " + error);
        }
        TreeMap<Double, Double> percentiles = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : metric.path("scorePercentiles").properties()) {
            double p = parse(e.getKey());
            if (!(p >= 0 && p <= 100)) {
                throw invalid(where, "primaryMetric.scorePercentiles", "keys must be percentiles in 0..100, was \""
                        + e.getKey() + "\"");
            }
            percentiles.put(p, number(e.getValue()));
        }
        Map<String, Double> secondary = new LinkedHashMap<>();
        node.path("secondaryMetrics").properties()
                .forEach(e -> secondary.put(e.getKey(), number(e.getValue().path("score"))));
        return new JmhResult(benchmark, mode.asText(), threads.asInt(1), params, score, number(error),
                metric.path("scoreUnit").asText(""), percentiles, secondary);
    }

    private static IllegalArgumentException invalid(String where, String field, String rule) {
        return new IllegalArgumentException(where + (field.isEmpty() ? "" : ": " + field) + " " + rule);
    }

    /** JMH writes NaN as the string "NaN". */
    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : n.isTextual() ? parse(n.asText()) : Double.NaN;
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The entries of the suite with this simple class name. */
    public List<JmhResult> suite(String simpleName) {
        return entries.stream().filter(e -> e.suite().equals(simpleName)).toList();
    }

    /** The suites present, in file order. */
    public Set<String> suites() {
        Set<String> names = new LinkedHashSet<>();
        entries.forEach(e -> names.add(e.suite()));
        return names;
    }

    /** The first entry matching {@code filter}, in file order; null when none does. */
    public JmhResult find(Predicate<JmhResult> filter) {
        return entries.stream().filter(filter).findFirst().orElse(null);
    }
}
