package dev.gillab.report;

import dev.gillab.experiment.Units;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One entry of a JMH JSON result file: one benchmark method at one parameter combination and
 * thread count, with the fields the report reads (names as in the JSON).
 *
 * @param benchmark   the full name, {@code dev.gillab.bench.lock.HandOffBenchmark.handOff}
 * @param mode        {@code thrpt}, {@code avgt}, {@code sample}, {@code ss}
 * @param threads     the JMH thread count
 * @param params      the {@code @Param} values
 * @param score       {@code primaryMetric.score}
 * @param scoreError  {@code primaryMetric.scoreError}: half the 99.9% confidence interval; NaN with fewer than 2
 * iterations
 * @param scoreUnit   {@code ops/us}, {@code ns/op}, ...
 * @param percentiles {@code primaryMetric.scorePercentiles}, percentile (0-100) to score
 * @param secondary   {@code secondaryMetrics}: name to score (the {@code @AuxCounters} and group members)
 */
public record JmhResult(String benchmark, String mode, int threads, Map<String, String> params, double score,
        double scoreError, String scoreUnit, SortedMap<Double, Double> percentiles, Map<String, Double> secondary) {

    public JmhResult {
        Objects.requireNonNull(benchmark, "benchmark");
        params = Map.copyOf(params);
        percentiles = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(percentiles));
        secondary = Map.copyOf(secondary);
    }

    /** The class's simple name: {@code HandOffBenchmark}. */
    public String suite() {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : benchmark;
    }

    /** The method (or {@code @Group}) name: {@code handOff}. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** A parameter's value, or null when the benchmark has no such parameter. */
    public String param(String name) {
        return params.get(name);
    }

    /** Whether a higher score is better: throughput; every time-per-operation mode is the reverse. */
    public boolean higherIsBetter() {
        return mode.equals("thrpt");
    }

    /** {@code handOff switchIntervalMicros=5000, 2 threads}: the entry, told apart from its suite's others. */
    public String label() {
        StringBuilder s = new StringBuilder(method());
        new TreeMap<>(params).forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
        if (threads != 1) {
            s.append(", ").append(threads).append(" threads");
        }
        return s.toString();
    }

    /** What identifies the entry across two runs: benchmark, mode, threads and parameters. */
    public String key() {
        return benchmark + " " + mode + " " + label();
    }

    /**
     * {@code 12.3 ± 0.4 ns/op}, each number by {@link Units#number}; the error is left out when JMH could not compute
     * one.
     */
    public String scoreText() {
        String error = Double.isNaN(scoreError) ? "" : " ± " + Units.number(scoreError);
        return Units.number(score) + error + " " + scoreUnit;
    }
}
