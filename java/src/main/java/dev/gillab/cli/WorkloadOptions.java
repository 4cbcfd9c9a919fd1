package dev.gillab.cli;

import dev.gillab.lesson.LessonSettings;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How much work a command that runs lessons does: {@code --quick}, and a hidden exact {@code --scale} for tests. */
final class WorkloadOptions {

    @Option(names = "--quick", description = "A quarter of the work: faster, noisier.")
    private boolean quick;

    @Option(names = "--scale", hidden = true,
            description = "A multiplier on every workload, overriding --quick (for tests: e.g. 0.02).")
    private Double scale;

    /** The lesson's defaults at the chosen size. */
    LessonSettings settings() {
        return LessonSettings.defaults().withScale(scale());
    }

    /** "full size", "quick" or "scale 0.02". */
    String describe() {
        if (scale != null) {
            return String.format(Locale.ROOT, "scale %s", scale);
        }
        return quick ? "quick (a quarter of the work)" : "full size";
    }

    private double scale() {
        if (scale != null) {
            return scale;
        }
        return quick ? LessonSettings.QUICK_SCALE : 1.0;
    }
}
