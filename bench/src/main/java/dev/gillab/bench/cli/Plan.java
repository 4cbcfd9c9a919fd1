package dev.gillab.bench.cli;

import dev.gillab.bench.cli.SuiteTable.Iterations;
import dev.gillab.bench.cli.SuiteTable.Settings;
import dev.gillab.bench.cli.SuiteTable.Suite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The JMH runs a profile makes of the suite table: one run per suite and thread count, each
 * with the benchmarks it selects, its number of configurations and its estimated time; and
 * notes on what was left out (suites not on the class path, overrides of parameters a suite
 * does not declare).
 *
 * <p>The benchmarks come from JMH's own list ({@code META-INF/BenchmarkList}, written by the
 * annotation processor), which also holds each benchmark's annotations: parameters, forks,
 * iterations. That is what the estimate multiplies out.
 */
record Plan(Profile profile, List<Run> runs, List<String> notes) {

    /** One {@code Runner}: one suite at one JMH thread count (null: as annotated). */
    record Run(Suite suite, Integer threads, List<BenchmarkListEntry> benchmarks, int configurations, Duration estimate,
            Options options) {

        /** {@code lock.HandOffBenchmark} or {@code ScalingBenchmark, 2 threads}. */
        String label() {
            return threads == null ? suite.name() : suite.name() + ", " + threads
                    + (threads == 1 ? " thread" : " threads");
        }
    }

    Duration estimate() {
        return runs.stream().map(Run::estimate).reduce(Duration.ZERO, Duration::plus);
    }

    int configurations() {
        return runs.stream().mapToInt(Run::configurations).sum();
    }

    /**
     * The plan of {@code profile} over the benchmarks in {@code available}, keeping only the
     * benchmarks whose full name ({@code dev.gillab.bench.Suite.method}) contains a match of
     * {@code include} (null: all).
     */
    static Plan of(Profile profile, Pattern include, Collection<BenchmarkListEntry> available) {
        return of(profile, include, available, new OptionsBuilder().build());
    }

    /**
     * {@link #of(Profile, Pattern, Collection)} with {@code jmh}, JMH options of the command line,
     * under every run's options: they add what the profile leaves unset (profilers, JVM arguments,
     * ...); what the profile sets (parameters, forks, iterations and their times, threads) stays.
     */
    static Plan of(Profile profile, Pattern include, Collection<BenchmarkListEntry> available, Options jmh) {
        List<Run> runs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Suite suite : SuiteTable.SUITES) {
            List<BenchmarkListEntry> inSuite = available.stream()
                    .filter(b -> b.getUserClassQName().equals(suite.className())).sorted().toList();
            if (inSuite.isEmpty()) {
                notes.add("skipped " + suite.name() + ": not on the class path (" + suite.className()
                        + " is not in this build)");
                continue;
            }
            List<BenchmarkListEntry> chosen = inSuite.stream()
                    .filter(b -> include == null || include.matcher(b.getUsername()).find()).toList();
            if (chosen.isEmpty()) {
                continue;
            }
            Settings settings = suite.settings(profile);
            notes.addAll(undeclaredOverrides(suite, settings, inSuite));
            List<Integer> threadCounts = settings.threads().isEmpty() ? java.util.Collections.singletonList(null)
                    : settings.threads();
            for (Integer threads : threadCounts) {
                int configurations = chosen.stream().mapToInt(b -> configurations(b, settings)).sum();
                Duration estimate = chosen.stream().map(b -> estimate(b, suite, settings))
                        .reduce(Duration.ZERO, Duration::plus);
                runs.add(new Run(suite, threads, chosen, configurations, estimate,
                        options(profile, chosen, settings, threads, jmh)));
            }
        }
        return new Plan(profile, List.copyOf(runs), List.copyOf(notes));
    }

    /** Parameter combinations of one benchmark: the product of its parameters' value counts, overrides applied. */
    static int configurations(BenchmarkListEntry benchmark, Settings settings) {
        int n = 1;
        for (Map.Entry<String, String[]> p : benchmark.getParams().orElse(Map.of()).entrySet()) {
            List<String> override = settings.params().get(p.getKey());
            n *= override != null ? override.size() : p.getValue().length;
        }
        return n;
    }

    /** The time of all of one benchmark's configurations under {@code settings}. */
    static Duration estimate(BenchmarkListEntry b, Suite suite, Settings settings) {
        Iterations it = settings.iterations();
        boolean singleShot = b.getMode() == Mode.SingleShotTime;
        int forks = or(it.forks(), b.getForks(), Defaults.MEASUREMENT_FORKS);
        int warmups = or(it.warmupIterations(), b.getWarmupIterations(),
                singleShot ? Defaults.WARMUP_ITERATIONS_SINGLESHOT : Defaults.WARMUP_ITERATIONS);
        int measurements = or(it.measurementIterations(), b.getMeasurementIterations(),
                singleShot ? Defaults.MEASUREMENT_ITERATIONS_SINGLESHOT : Defaults.MEASUREMENT_ITERATIONS);
        Duration invocation = SuiteTable.singleShotInvocation(suite);
        Duration warmup = Estimate.iteration(b.getMode(), or(it.warmupTime(), b.getWarmupTime(), Defaults.WARMUP_TIME),
                invocation);
        Duration measurement = Estimate.iteration(b.getMode(),
                or(it.measurementTime(), b.getMeasurementTime(), Defaults.MEASUREMENT_TIME), invocation);
        return Estimate.configuration(forks, warmups, warmup, measurements, measurement)
                .multipliedBy(configurations(b, settings));
    }

    private static <T> T or(T chosen, Optional<T> annotated, T fallback) {
        return chosen != null ? chosen : annotated.orElse(fallback);
    }

    private static Options options(Profile profile, List<BenchmarkListEntry> chosen, Settings settings, Integer threads,
            Options jmh) {
        String include = chosen.stream().map(b -> "^" + Pattern.quote(b.getUsername()) + "$")
                .collect(Collectors.joining("|"));
        ChainedOptionsBuilder options = new OptionsBuilder().parent(jmh).include(include)
                .shouldFailOnError(profile == Profile.SMOKE);
        settings.params().forEach((name, values) -> options.param(name, values.toArray(String[]::new)));
        Iterations it = settings.iterations();
        if (it.forks() != null) {
            options.forks(it.forks());
        }
        if (it.warmupIterations() != null) {
            options.warmupIterations(it.warmupIterations());
        }
        if (it.warmupTime() != null) {
            options.warmupTime(it.warmupTime());
        }
        if (it.measurementIterations() != null) {
            options.measurementIterations(it.measurementIterations());
        }
        if (it.measurementTime() != null) {
            options.measurementTime(it.measurementTime());
        }
        if (threads != null) {
            options.threads(threads);
        }
        return options.build();
    }

    private static List<String> undeclaredOverrides(Suite suite, Settings settings, List<BenchmarkListEntry> inSuite) {
        return settings.params().keySet().stream()
                .filter(name -> inSuite.stream().noneMatch(b -> b.getParams().orElse(Map.of()).containsKey(name)))
                .map(name -> "note: " + suite.name() + " declares no parameter '" + name + "'; its override is ignored")
                .toList();
    }
}
