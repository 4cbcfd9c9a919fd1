package dev.gillab.fidelity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * Reads what a fidelity script printed: its last non-blank line, one JSON object
 * <pre>{@code
 * {"scenario": "countdown", "python": "3.11.7", "params": {...},
 *  "figures": {"t1@5000us": [1.02, 0.99], "t2@5000us": [1.01, 1.03]}}
 * }</pre>
 * into {@link Figures}. Anything else is a {@link CPythonException} that says what was wrong.
 */
final class ScriptOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScriptOutput() {
    }

    /** The figures in {@code stdout}, which must come from the script of {@code scenario}. */
    static Figures parse(String stdout, String scenario) {
        String line = lastLine(stdout);
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new CPythonException("the " + scenario + " script printed no JSON: '" + abbreviate(line) + "'", e);
        }
        if (root == null || !root.isObject()) {
            throw new CPythonException("the " + scenario + " script printed no JSON object: '"
                    + abbreviate(line) + "'");
        }
        String actual = root.path("scenario").asText("");
        if (!actual.equals(scenario)) {
            throw new CPythonException("expected the output of scenario '" + scenario + "', got '" + actual + "'");
        }
        JsonNode figures = root.path("figures");
        if (!figures.isObject() || figures.isEmpty()) {
            throw new CPythonException("the " + scenario + " script's output has no figures");
        }
        Figures.Builder b = Figures.builder();
        for (Map.Entry<String, JsonNode> e : figures.properties()) {
            JsonNode values = e.getValue();
            if (!values.isArray() || values.isEmpty()) {
                throw new CPythonException("figure '" + e.getKey() + "' of " + scenario + " is not a non-empty list");
            }
            for (JsonNode v : values) {
                if (!v.isNumber()) {
                    throw new CPythonException("figure '" + e.getKey() + "' of " + scenario
                            + " holds a non-number: " + v);
                }
                b.add(e.getKey(), v.asDouble());
            }
        }
        return b.build();
    }

    private static String lastLine(String stdout) {
        String[] lines = stdout.strip().split("\\R");
        String last = lines[lines.length - 1].strip();
        if (last.isEmpty()) {
            throw new CPythonException("the script printed nothing");
        }
        return last;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
