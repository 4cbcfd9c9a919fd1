package dev.gillab.bench.cli;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What {@code gillab bench} runs: every suite, and for each profile its parameters, thread
 * counts and iterations. This class is the one place to read or change them; a suite that is
 * not listed here does not run.
 *
 * <h2>Reading the table</h2>
 * One {@link Suite} per JMH class (its name relative to {@code dev.gillab.bench}), then one
 * {@link Settings} per profile:
 * <ul>
 *   <li>iterations: {@link #ANNOTATED} (the suite's own {@code @Fork}, {@code @Warmup},
 *       {@code @Measurement}), {@link #QUICK_ITERATIONS} or {@link #SMOKE_ITERATIONS};</li>
 *   <li>{@code threads(...)}: the JMH thread counts, one JMH run per count (a Runner takes one
 *       count per options set); none: the suite's {@code @Threads};</li>
 *   <li>{@code param(name, values...)}: a {@code -p} override; parameters not named keep
 *       every value the suite's {@code @Param} declares. The names are those of the
 *       benchmark conventions; an override of a parameter the suite does not declare is
 *       reported and ignored.</li>
 * </ul>
 * Suites named here but absent from the class path (not written yet, or left out of a build)
 * are skipped with a message, so the table can name them before they exist.
 *
 * <h2>Budgets (2 cores)</h2>
 * {@code --smoke}: about 3 minutes; {@code --quick}: under 5 minutes; {@code --full}: see
 * {@code gillab bench --full --dry-run}, which prints the estimate per suite from the number
 * of configurations x forks x (warm-up + measurement) x iteration time. ScalingBenchmark alone
 * is 7 kernels x 6 bindings x 2 locks x 3 thread counts = 252 configurations.
 *
 * <p>Measured on the 2-core reference machine, idle, 2026-11-22: {@code --smoke} ran its 113
 * configurations in 49 s, {@code --quick} its 71 in 3 min 06 s (estimated 3 min 14 s),
 * {@code --full} its 414 in 1 h 04 min (estimated 1 h 01 min).
 */
public final class SuiteTable {

    /** Iterations as each suite's annotations say. */
    public static final Iterations ANNOTATED = new Iterations(null, null, null, null, null);
    /**
     * 1 fork, 1 warm-up and 5 measurement iterations of 300 ms. JMH's error bar is half the
     * 99.9% confidence interval from Student's t over the measurement iterations: it needs at
     * least 3 (with 1 it is NaN, with 2 meaningless), and with 3 the t factor is 31.6 against
     * 8.6 with 5, so 5 short iterations give a usable bar for the time of 3 long ones.
     */
    public static final Iterations QUICK_ITERATIONS = new Iterations(1, 1, TimeValue.milliseconds(300), 5,
            TimeValue.milliseconds(300));
    /** 1 fork, no warm-up, 1 iteration of 100 ms: does it run at all. */
    public static final Iterations SMOKE_ITERATIONS = new Iterations(1, 0, TimeValue.milliseconds(100), 1,
            TimeValue.milliseconds(100));

    /** Every suite, in the order they run. */
    public static final List<Suite> SUITES = List.of(
            new Suite("ScalingBenchmark", "speedup of each kernel and binding, lock held or released, against threads",
                    settings(ANNOTATED).threads(1, 2, 4),
                    settings(QUICK_ITERATIONS).threads(1, 2, 4).param("kernel", "pi")
                            .param("binding", "java-locked", "jna-direct", "ffm").param("lock", "hold", "release"),
                    settings(SMOKE_ITERATIONS).threads(1, 2, 4).param("kernel", "pi").param("lock", "hold", "release")),
            new Suite("CallOverheadBenchmark", "ns per noop and add call through each binding, bare and released",
                    settings(ANNOTATED),
                    settings(QUICK_ITERATIONS).param("binding", "jna", "jna-direct", "javacpp", "ffm"),
                    settings(SMOKE_ITERATIONS)),
            // Twice, because JNA cannot pin a Java array: JMH runs every combination of the
            // parameters it is given, so the bindings that can pin run apart from those that cannot.
            new Suite("ArrayPassingBenchmark", "ns per call against array length, per binding and memory kind",
                    settings(ANNOTATED).param("binding", "javacpp", "ffm"),
                    settings(QUICK_ITERATIONS).param("binding", "ffm").param("length", "256", "65536"),
                    settings(SMOKE_ITERATIONS).param("binding", "javacpp", "ffm").param("length", "4096")),
            new Suite("ArrayPassingBenchmark", "the same through JNA, which copies or passes native memory",
                    settings(ANNOTATED).param("binding", "jna", "jna-direct").param("memory", "copy", "direct"),
                    settings(QUICK_ITERATIONS).param("binding", "jna").param("memory", "copy", "direct")
                            .param("length", "256", "65536"),
                    settings(SMOKE_ITERATIONS).param("binding", "jna", "jna-direct").param("memory", "copy", "direct")
                            .param("length", "4096")),
            new Suite("lock.UncontendedReleaseBenchmark", "release + re-take against a bare ReentrantLock",
                    settings(ANNOTATED),
                    settings(QUICK_ITERATIONS).param("mode", "switch"),
                    settings(SMOKE_ITERATIONS)),
            new Suite("lock.PollBenchmark", "the cost of polling the eval breaker",
                    settings(ANNOTATED),
                    settings(QUICK_ITERATIONS).param("mode", "switch"),
                    settings(SMOKE_ITERATIONS)),
            new Suite("lock.HandOffBenchmark", "hand-off latency and time-slice length",
                    settings(ANNOTATED),
                    settings(QUICK_ITERATIONS).param("switchIntervalMicros", "5000"),
                    settings(SMOKE_ITERATIONS).param("switchIntervalMicros", "5000")),
            new Suite("lock.LockedCountdownScalingBenchmark", "countdown at 1 and 2 threads, interpreted or released",
                    settings(ANNOTATED),
                    settings(QUICK_ITERATIONS),
                    settings(SMOKE_ITERATIONS)),
            new Suite("lock.ContendedLockBenchmark", "a holder against waiters: switches and forced drops",
                    settings(ANNOTATED),
                    settings(QUICK_ITERATIONS).param("mode", "switch").param("switchIntervalMicros", "5000"),
                    settings(SMOKE_ITERATIONS).param("mode", "switch").param("switchIntervalMicros", "5000")),
            new Suite("lock.SwitchIntervalSweepBenchmark", "the switch interval from 0.1 to 20 ms",
                    settings(ANNOTATED),
                    settings(QUICK_ITERATIONS).param("mode", "switch")
                            .param("switchIntervalMicros", "100", "1000", "20000"),
                    settings(SMOKE_ITERATIONS).param("mode", "switch").param("switchIntervalMicros", "100", "20000")),
            new Suite("ConvoyBenchmark", "I/O round-trip latency percentiles beside CPU-bound threads",
                    settings(ANNOTATED),
                    settings(QUICK_ITERATIONS).param("mode", "switch", "priority").param("cpuThreads", "0", "2")
                            .param("switchIntervalMicros", "5000"),
                    settings(SMOKE_ITERATIONS).param("cpuThreads", "0", "2").param("switchIntervalMicros", "5000")),
            new Suite("CatalogueBenchmark", "each lesson of the catalogue as one single-shot run",
                    settings(ANNOTATED),
                    settings(QUICK_ITERATIONS).param("lesson", "01"),
                    settings(SMOKE_ITERATIONS).param("lesson", "01", "09")));

    private SuiteTable() {
    }

    /**
     * The first entry of the suite named {@code name} (relative to {@code dev.gillab.bench}), if the table lists it.
     */
    public static java.util.Optional<Suite> byName(String name) {
        return SUITES.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static Settings settings(Iterations iterations) {
        return new Settings(iterations, List.of(), Map.of());
    }

    /**
     * Forks and iterations; a null field keeps the suite's annotation (or JMH's default where
     * the suite has none).
     */
    public record Iterations(Integer forks, Integer warmupIterations, TimeValue warmupTime,
            Integer measurementIterations, TimeValue measurementTime) {
    }

    /** One profile of one suite: iterations, JMH thread counts (empty: as annotated) and {@code -p} overrides. */
    public record Settings(Iterations iterations, List<Integer> threads, Map<String, List<String>> params) {

        public Settings {
            Objects.requireNonNull(iterations, "iterations");
            threads = List.copyOf(threads);
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        /** The same settings, run once at each of {@code counts} JMH threads. */
        Settings threads(Integer... counts) {
            return new Settings(iterations, Arrays.asList(counts), params);
        }

        /** The same settings with the parameter {@code name} restricted to {@code values}. */
        Settings param(String name, String... values) {
            Map<String, List<String>> more = new LinkedHashMap<>(params);
            more.put(name, List.of(values));
            return new Settings(iterations, threads, more);
        }
    }

    /** A suite: its class (relative to {@code dev.gillab.bench}), what it measures, and its settings per profile. */
    public record Suite(String name, String purpose, Settings full, Settings quick, Settings smoke) {

        /** The fully qualified name of the JMH class. */
        public String className() {
            return "dev.gillab.bench." + name;
        }

        public Settings settings(Profile profile) {
            return switch (profile) {
                case FULL -> full;
                case QUICK -> quick;
                case SMOKE -> smoke;
            };
        }
    }

    /**
     * For estimates only: how long one invocation of a single-shot suite takes, which JMH
     * cannot know beforehand (a lesson run: 0.5 s for lesson 01, several seconds for the heavier ones, on 2 cores).
     * Suites not listed: 100 ms.
     */
    private static final Map<String, Duration> SINGLE_SHOT_INVOCATION = Map.of("CatalogueBenchmark",
            Duration.ofSeconds(3));

    /** How long one single-shot invocation of {@code suite} takes, for estimates. */
    static Duration singleShotInvocation(Suite suite) {
        return SINGLE_SHOT_INVOCATION.getOrDefault(suite.name(), Duration.ofMillis(100));
    }
}
