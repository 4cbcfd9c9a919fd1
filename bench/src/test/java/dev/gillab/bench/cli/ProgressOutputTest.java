package dev.gillab.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The progress lines and the failures, from the events JMH sends (the non-terminal display). */
class ProgressOutputTest {

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final ProgressOutput progress = new ProgressOutput(
            OutputFormatFactory.createFormatInstance(new PrintStream(logBytes, true, StandardCharsets.UTF_8),
                    VerboseMode.NORMAL),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8), Duration.ofSeconds(10), false, result -> { });

    /** One fork of 1 warm-up and 3 measurement iterations of 100 ms, at {@code binding}. */
    private static BenchmarkParams params(String binding) {
        WorkloadParams workload = new WorkloadParams();
        workload.put("binding", binding, 0);
        IterationParams warmup = new IterationParams(IterationType.WARMUP, 1, TimeValue.milliseconds(100), 1);
        IterationParams measurement = new IterationParams(IterationType.MEASUREMENT, 3, TimeValue.milliseconds(100), 1);
        return new BenchmarkParams("dev.gillab.bench.CallOverheadBenchmark.noop", "generated", false, 1, new int[] {1},
                List.of(), 1, 0, warmup, measurement, Mode.AverageTime, workload, TimeUnit.NANOSECONDS, 1, "java",
                List.of(), "25", "vm", "25", "1.37", TimeValue.minutes(10));
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachConfigurationIsAnnouncedOnceWithTheSuiteAndItsParameters() {
        BenchmarkParams ffm = params("ffm");
        progress.suite("CallOverheadBenchmark", Duration.ZERO);

        progress.startBenchmark(ffm);
        progress.startBenchmark(ffm);  // the fork echoes the host's announcement

        assertThat(err().lines().toList()).as("one line, not one per echo")
                .containsExactly("[  0%, ~10 s left] CallOverheadBenchmark.noop binding=ffm");
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).as("JMH's own text goes to the log")
                .contains("binding = ffm");
    }

    @Test
    void aFinishedConfigurationAddsItsEstimateToTheProgress() {
        progress.suite("CallOverheadBenchmark", Duration.ZERO);
        progress.startBenchmark(params("ffm"));
        progress.close();  // JMH closes its output between benchmarks: the progress goes on
        progress.startBenchmark(params("jna"));

        long firstMillis = Estimate.FORK_START.plusMillis(400).toMillis();
        assertThat(err().lines().toList().get(1)).as("%d ms of 10 s done", firstMillis)
                .startsWith(String.format("[%3d%%,", 100 * firstMillis / 10_000));
    }

    @Test
    void aConfigurationWithoutAResultFailed() {
        BenchmarkParams ffm = params("ffm");
        BenchmarkParams jna = params("jna");
        progress.suite("CallOverheadBenchmark", Duration.ZERO);
        progress.startBenchmark(ffm);
        progress.startBenchmark(jna);

        List<String> failed = progress.failed(List.of(new RunResult(ffm, List.of())));

        assertThat(failed).containsExactly("CallOverheadBenchmark.noop binding=jna");
        assertThat(err()).contains("FAILED: CallOverheadBenchmark.noop binding=jna (its error is in jmh.log)");
        assertThat(progress.failed(List.of())).as("each configuration is judged once").isEmpty();
    }
}
