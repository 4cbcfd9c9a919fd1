package dev.gillab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One point of a scaling curve: a ScalingBenchmark configuration at {@code threads} JMH
 * threads against the same configuration at 1 thread. JMH sums throughput over its threads,
 * so the ratio of the two scores is the speedup directly (ideal: the thread count).
 *
 * @param line     the configuration without its thread count: method and parameters, e.g.
 * {@code kernel=pi binding=ffm lock=release}
 * @param params   its parameters (kernel, binding, lock)
 * @param threads  the JMH thread count
 * @param speedup  score at {@code threads} / score at 1 thread
 */
public record Speedup(String line, Map<String, String> params, int threads, double speedup) {

    /** The ScalingBenchmark suite's name in the results. */
    public static final String SUITE = "ScalingBenchmark";

    /** Every entry's speedup over its 1-thread twin (entries without a twin are left out; 1 thread itself is 1x). */
    public static List<Speedup> of(JmhResults results) {
        List<JmhResult> scaling = results.suite(SUITE);
        List<Speedup> points = new ArrayList<>();
        for (JmhResult e : scaling) {
            JmhResult one = scaling.stream()
                    .filter(o -> o.threads() == 1 && o.method().equals(e.method()) && o.params().equals(e.params()))
                    .findFirst().orElse(null);
            if (one != null && one.score() > 0) {
                points.add(new Speedup(lineOf(e), e.params(), e.threads(), e.score() / one.score()));
            }
        }
        return points;
    }

    public String param(String name) {
        return Objects.requireNonNullElse(params.get(name), "");
    }

    /**
     * Whether the line is native code with the lock released around each call: any binding but
     * the suite's two pure-Java ones ({@code java-locked}, {@code java-free}; {@code javacpp} is
     * native).
     */
    public boolean nativeReleased() {
        return !param("binding").startsWith("java-") && param("lock").equals("release");
    }

    /** {@code pi: C via FFM, releases the lock}: the kernel and the variant in words. */
    public String describe() {
        String variant = Variant.of(param("binding"), param("lock"));
        return param("kernel").isEmpty() ? variant : param("kernel") + ": " + variant;
    }

    private static String lineOf(JmhResult e) {
        String label = e.label();
        int threads = label.indexOf(", " + e.threads() + " threads");
        return threads < 0 ? label : label.substring(0, threads);
    }
}
