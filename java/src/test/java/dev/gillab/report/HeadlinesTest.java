package dev.gillab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gillab.report.Headline.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadlinesTest {

    private static final JmhResults RUN = JmhResults.read(Fixtures.run());

    private static Headline named(List<Headline> figures, String name) {
        return figures.stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no headline '" + name + "' in " + figures));
    }

    @Test
    void theNativeReleasedSpeedupIsTheWorstNativeReleasedLineAtTheCoreCount() {
        Headline h = named(Headlines.of(RUN, 2), "native released speedup at 2 threads (worst; ideal 2x)");

        assertThat(h.value()).as("jna-direct released: 171 / 90 ops/s").isCloseTo(1.90, within(1e-9));
        assertThat(h.detail()).as("names the worst line and the median of ffm 1.96x and jna-direct 1.90x")
                .contains("pi: C via JNA direct, releases the lock").contains("95% of ideal")
                .contains("median of 2: 1.93x");
        assertThat(h.direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
    }

    @Test
    void onAFourCoreMachineTheFiguresAreReadAtFourThreads() {
        Headline h = named(Headlines.of(RUN, 4), "native released speedup at 4 threads (worst; ideal 4x)");

        assertThat(h.value()).as("ffm 200/100 and jna-direct 180/90 are both 2.0x").isCloseTo(2.0, within(1e-9));
    }

    @Test
    void heldNativeCodeIsNotCountedAsReleased() {
        List<Headline> figures = Headlines.of(RUN, 2);

        assertThat(named(figures, "native released speedup at 2 threads (worst; ideal 2x)").detail())
                .as("ffm held (0.98x) would be the worst if it were counted").doesNotContain("holds the lock");
    }

    @Test
    void jnaAgainstFfmStandsBesideThePublishedRatio() {
        List<Headline> figures = Headlines.of(RUN, 2);

        assertThat(named(figures, "jna noop / ffm noop").detail()).as("Glavo: JNA interface 51.6 ns / FFM 3.1 ns")
                .contains("published: 16.65x");
        assertThat(named(figures, "jna-direct noop / ffm noop").detail()).as("Glavo: JNA direct 48.6 / 3.1")
                .contains("published: 15.68x");
        assertThat(named(figures, "jna add / ffm add").detail()).as("the published figures are for a void call")
                .doesNotContain("published");
    }

    @Test
    void javaRunReleasedIsNotCountedAsLockedJava(@TempDir Path dir) throws IOException {
        StringBuilder json = new StringBuilder("[");
        String[][] lines = {{"hold", "1", "50"}, {"hold", "2", "47"}, {"release", "1", "100"}, {"release", "2", "200"}};
        for (String[] l : lines) {
            json.append(json.length() > 1 ? "," : "").append("""
                    {"benchmark": "dev.gillab.bench.ScalingBenchmark.call", "mode": "thrpt", "threads": %s,
                     "params": {"kernel": "pi", "binding": "java-locked", "lock": "%s"},
                     "primaryMetric": {"score": %s, "scoreError": 1.0, "scoreUnit": "ops/s"}}
                    """.formatted(l[1], l[0], l[2]));
        }
        Path file = Files.writeString(dir.resolve("locked.json"), json.append("]").toString());

        Headline h = named(Headlines.of(JmhResults.read(file), 2), "locked Java speedup at 2 threads (median)");

        assertThat(h.value()).as("only the held line, 47 / 50; the released one (2.0x) is Java run released")
                .isCloseTo(0.94, within(1e-9));
    }

    @Test
    void lockedJavaSpeedupIsTheMedianOfTheJavaLockedLines() {
        Headline h = named(Headlines.of(RUN, 2), "locked Java speedup at 2 threads (median)");

        assertThat(h.value()).as("java-locked: 47 / 50").isCloseTo(0.94, within(1e-9));
        assertThat(h.direction()).as("faithful, not fast: no better or worse").isEqualTo(Direction.NEITHER);
    }

    @Test
    void releaseAndRetakeIsComparedWithReentrantLockInSwitchMode() {
        List<Headline> figures = Headlines.of(RUN, 2);

        assertThat(named(figures, "release + re-take").value()).as("switch mode, not free mode's 25 ns")
                .isEqualTo(30.0);
        assertThat(named(figures, "release + re-take").unit()).isEqualTo("ns");
        assertThat(named(figures, "release + re-take / ReentrantLock unlock + lock").value()).as("30 / 20")
                .isCloseTo(1.5, within(1e-9));
        assertThat(named(figures, "hand-off latency, median").value()).as("the 50th percentile, not the mean 45")
                .isEqualTo(42.0);
    }

    @Test
    void eachBindingIsComparedWithFfmBareCallAgainstBareCall() {
        List<Headline> figures = Headlines.of(RUN, 2);

        assertThat(named(figures, "jna noop / ffm noop").value()).as("250 / 10").isCloseTo(25.0, within(1e-9));
        assertThat(named(figures, "jna-direct noop / ffm noop").value()).as("60 / 10").isCloseTo(6.0, within(1e-9));
        assertThat(named(figures, "javacpp add / ffm add").value()).as("18 / 12").isCloseTo(1.5, within(1e-9));
        assertThat(named(figures, "releasing around an ffm noop adds").value()).as("40 released - 10 bare")
                .isCloseTo(30.0, within(1e-9));
        assertThat(figures).as("ffm is not compared with itself, released or not")
                .noneMatch(h -> h.name().startsWith("ffm noop /"));
    }

    @Test
    void resultsWithoutTheSuitesHaveNoHeadlines() {
        JmhResults none = new JmhResults(List.of(), "");

        assertThat(Headlines.of(none, 2)).as("nothing to compute from").isEmpty();
    }
}
