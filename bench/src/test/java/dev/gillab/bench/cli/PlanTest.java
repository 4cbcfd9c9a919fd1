package dev.gillab.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.ProfilerConfig;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The plans made of the suite table against this build's own benchmark list. */
class PlanTest {

    private static final List<BenchmarkListEntry> ALL = List.copyOf(BenchmarkList.defaultList()
            .getAll(OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT), List.of()));

    private static List<BenchmarkListEntry> callOverhead() {
        return ALL.stream().filter(b -> b.getUserClassQName().equals("dev.gillab.bench.CallOverheadBenchmark"))
                .toList();
    }

    @Test
    void theTableNamesEverySuiteOfTheConventions() {
        assertThat(SuiteTable.SUITES.stream().map(SuiteTable.Suite::name).distinct().toList())
                .containsExactlyInAnyOrder(
                        "ScalingBenchmark", "CallOverheadBenchmark", "ArrayPassingBenchmark", "ConvoyBenchmark",
                        "CatalogueBenchmark", "lock.UncontendedReleaseBenchmark", "lock.PollBenchmark",
                        "lock.HandOffBenchmark", "lock.LockedCountdownScalingBenchmark", "lock.ContendedLockBenchmark",
                        "lock.SwitchIntervalSweepBenchmark");
    }

    @Test
    void noProfileAsksJnaToPinAnArray() {
        for (SuiteTable.Suite suite : SuiteTable.SUITES) {
            if (!suite.name().equals("ArrayPassingBenchmark")) {
                continue;
            }
            for (Profile profile : Profile.values()) {
                Map<String, List<String>> params = suite.settings(profile).params();
                boolean jna = params.get("binding").stream().anyMatch(b -> b.startsWith("jna"));
                List<String> memory = params.getOrDefault("memory", List.of("copy", "pinned", "direct"));
                assertThat(jna && memory.contains("pinned")).as("%s, %s: JNA with pinned memory", suite.purpose(),
                        profile)
                        .isFalse();
            }
        }
    }

    @Test
    void scalingRunsAtOneTwoAndFourThreadsInTheFullAndQuickProfiles() {
        SuiteTable.Suite scaling = SuiteTable.byName("ScalingBenchmark").orElseThrow();

        assertThat(scaling.full().threads()).containsExactly(1, 2, 4);
        assertThat(scaling.quick().threads()).containsExactly(1, 2, 4);
    }

    @Test
    void theQuickProfileMeasuresAtLeastThreeIterationsSoJmhHasAnErrorBar() {
        assertThat(SuiteTable.SUITES).allSatisfy(s -> assertThat(s.quick().iterations().measurementIterations())
                .as("%s", s.name()).isGreaterThanOrEqualTo(3));
    }

    @Test
    void aSuiteNotOnTheClassPathIsSkippedWithANoteAndTheOthersRun() {
        Plan plan = Plan.of(Profile.SMOKE, null, callOverhead());

        assertThat(plan.runs()).extracting(r -> r.suite().name()).containsExactly("CallOverheadBenchmark");
        assertThat(plan.notes()).contains("skipped lock.PollBenchmark: not on the class path "
                + "(dev.gillab.bench.lock.PollBenchmark is not in this build)");
    }

    @Test
    void anOverrideReplacesTheDeclaredValuesOfItsParameterOnly() {
        BenchmarkListEntry noop = callOverhead().stream().filter(b -> b.getUsername().endsWith(".noop")).findFirst()
                .orElseThrow();
        Map<String, String[]> declared = noop.getParams().orElse(Map.of());
        int all = declared.values().stream().mapToInt(v -> v.length).reduce(1, (a, b) -> a * b);
        SuiteTable.Settings asDeclared = new SuiteTable.Settings(SuiteTable.ANNOTATED, List.of(), Map.of());
        SuiteTable.Settings twoBindings = new SuiteTable.Settings(SuiteTable.ANNOTATED, List.of(),
                Map.of("binding", List.of("ffm", "jna")));

        assertThat(Plan.configurations(noop, asDeclared)).as("every declared combination").isEqualTo(all);
        assertThat(Plan.configurations(noop, twoBindings)).as("2 bindings instead of %d",
                declared.get("binding").length)
                .isEqualTo(all / declared.get("binding").length * 2);
    }

    @Test
    void theEstimateIsConfigurationsTimesForksTimesIterationsTimesTheirLength() {
        Duration oneConfiguration = Estimate.configuration(2, 1, Duration.ofMillis(300), 5, Duration.ofMillis(300));
        assertThat(oneConfiguration).as("2 forks x (start + 300 ms + 5 x 300 ms)")
                .isEqualTo(Estimate.FORK_START.plusMillis(1800).multipliedBy(2));

        Plan smoke = Plan.of(Profile.SMOKE, null, callOverhead());
        assertThat(smoke.estimate()).as("smoke: each configuration one fork of one 100 ms iteration")
                .isEqualTo(Estimate.FORK_START.plusMillis(100).multipliedBy(smoke.configurations()));
    }

    @Test
    void theRunOptionsCarryTheProfileAndSelectExactlyTheChosenBenchmarks() {
        Plan.Run run = Plan.of(Profile.SMOKE, Pattern.compile("CallOverhead.*noop"), ALL).runs().getFirst();
        Options options = run.options();

        assertThat(run.benchmarks()).isNotEmpty().allMatch(b -> b.getUsername().endsWith(".noop"));
        assertThat(options.getForkCount().get()).isEqualTo(1);
        assertThat(options.getWarmupIterations().get()).isZero();
        assertThat(options.getMeasurementIterations().get()).isEqualTo(1);
        assertThat(options.getMeasurementTime().get()).isEqualTo(TimeValue.milliseconds(100));
        assertThat(options.shouldFailOnError().get()).as("a smoke failure fails CI").isTrue();
        Pattern include = Pattern.compile(options.getIncludes().getFirst());
        assertThat(include.matcher("dev.gillab.bench.CallOverheadBenchmark.noop").find()).isTrue();
        assertThat(include.matcher("dev.gillab.bench.CallOverheadBenchmark.add").find()).isFalse();
        assertThat(include.matcher("dev.gillab.bench.CallOverheadBenchmark.noopX").find()).isFalse();
    }

    @Test
    void jmhOptionsOfTheCommandLineAddWhatTheProfileLeavesUnsetAndChangeNothingItSets() throws Exception {
        Options jmh = new CommandLineOptions("-prof", "gc", "-jvmArgsAppend", "-Xmx1g", "-f", "5");

        Plan.Run run = Plan.of(Profile.SMOKE, Pattern.compile("CallOverhead.*noop"), ALL, jmh).runs().getFirst();

        assertThat(run.options().getProfilers()).extracting(ProfilerConfig::getKlass).containsExactly("gc");
        assertThat(run.options().getJvmArgsAppend().get()).containsExactly("-Xmx1g");
        assertThat(run.options().getForkCount().get()).as("the profile's forks").isEqualTo(1);
        assertThat(run.options().getIncludes()).as("the chosen benchmarks alone").hasSize(1);
    }

    @Test
    void anIncludeMatchingNothingInASuiteLeavesTheSuiteOut() {
        Plan plan = Plan.of(Profile.QUICK, Pattern.compile("NoSuchBenchmark"), ALL);

        assertThat(plan.runs()).isEmpty();
        assertThat(plan.configurations()).isZero();
    }
}
