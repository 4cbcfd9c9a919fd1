package dev.gillab.lesson.catalogue;

import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gillab.lesson.LessonSettings;

/** What the lesson tests share: the small scale they run at, and the machines they need. */
final class LessonTests {

    /** The scale of the lesson tests: a twentieth of a quick run, a few seconds per lesson. */
    static final double SCALE = 0.05;

    private LessonTests() {
    }

    /** The lesson's own choices at the tests' scale. */
    static LessonSettings small() {
        return LessonSettings.defaults().withScale(SCALE);
    }

    /** Skips the test when the build skipped the native side ({@code -Dnative.skip}): these lessons call C. */
    static void assumeNativeLibrary() {
        assumeFalse(Boolean.getBoolean("gillab.native.skip"), "the build skipped the native library");
    }

    /** Skips the test on a machine with fewer than {@code cores} cores. */
    static void assumeCores(int cores) {
        int available = Runtime.getRuntime().availableProcessors();
        assumeTrue(available >= cores, "needs " + cores + " cores to run native calls in parallel, has " + available);
    }
}
