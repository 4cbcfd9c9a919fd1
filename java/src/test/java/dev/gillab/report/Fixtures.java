package dev.gillab.report;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The JMH JSON files under src/test/resources/dev/gillab/report. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * A hand-written run in the suites' conventions: ScalingBenchmark (pi; ffm and jna-direct
     * released, ffm and java-locked held; 1, 2, 4 threads), CallOverheadBenchmark (noop, add;
     * ffm 10 ns, jna 25x, jna-direct 6x, javacpp 1.5x; ffm released +30 ns),
     * ArrayPassingBenchmark, UncontendedReleaseBenchmark (30 ns against ReentrantLock's 20),
     * HandOffBenchmark (median 42 us), ConvoyBenchmark, ContendedLockBenchmark.
     */
    static Path run() {
        return resource("bench-run.json");
    }

    /** The same run, earlier: ffm noop 12 ns, release + re-take 40 ns, jna-direct at 2 threads 175.5 (1.95x). */
    static Path baseline() {
        return resource("bench-baseline.json");
    }

    /** A real file: {@code gillab bench --quick} over the suites that existed then, on a busy 2-core machine. */
    static Path realQuick() {
        return resource("real-quick.json");
    }

    private static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource missing: " + name, e);
        }
    }
}
