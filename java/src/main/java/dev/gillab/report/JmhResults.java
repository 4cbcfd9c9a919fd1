package dev.gillab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A JMH JSON result file ({@code -rf json}, or {@code gillab bench}'s {@code results.json}):
 * its entries, and the JDK that ran them.
 *
 * @param jdk the JSON's {@code vmName jdkVersion (vmVersion)} of the first entry; empty when the file has none
 */
public record JmhResults(List<JmhResult> entries, String jdk) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public JmhResults {
        entries = List.copyOf(entries);
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException if it is not a JMH JSON array of results
     * @throws UncheckedIOException if it cannot be read
     */
    public static JmhResults read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(file + " is not a JMH result file (a JSON array of benchmark results)");
        }
        List<JmhResult> entries = new ArrayList<>();
        for (JsonNode node : root) {
            entries.add(entry(file, node));
        }
        String jdk = "";
        if (!root.isEmpty()) {
            JsonNode first = root.get(0);
            jdk = (first.path("vmName").asText("") + " " + first.path("jdkVersion").asText("") + " ("
                    + first.path("vmVersion").asText("") + ")").trim();
        }
        return new JmhResults(entries, jdk);
    }

    private static JmhResult entry(Path file, JsonNode node) {
        JsonNode metric = node.path("primaryMetric");
        if (!node.hasNonNull("benchmark") || !metric.hasNonNull("score")) {
            throw new IllegalArgumentException(file + " is not a JMH result file: an entry without benchmark or primaryMetric.score");
        }
        Map<String, String> params = new LinkedHashMap<>();
        node.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        TreeMap<Double, Double> percentiles = new TreeMap<>();
        metric.path("scorePercentiles").properties()
                .forEach(e -> percentiles.put(Double.parseDouble(e.getKey()), number(e.getValue())));
        Map<String, Double> secondary = new LinkedHashMap<>();
        node.path("secondaryMetrics").properties().forEach(e -> secondary.put(e.getKey(), number(e.getValue().path("score"))));
        return new JmhResult(node.get("benchmark").asText(), node.path("mode").asText(""), node.path("threads").asInt(1),
                params, number(metric.get("score")), number(metric.path("scoreError")), metric.path("scoreUnit").asText(""),
                percentiles, secondary);
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
