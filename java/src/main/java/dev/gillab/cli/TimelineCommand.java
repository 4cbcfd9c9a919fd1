package dev.gillab.cli;

import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lock.LockMode;
import dev.gillab.report.LessonReport;
import dev.gillab.report.OutputFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gillab timeline}: runs one lesson with the lock traced and draws its most telling run:
 * one row per thread, holding, waiting and released as coloured bars, drop requests marked.
 */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = {"Run a lesson with the lock traced and draw who held the lock when: an SVG timeline "
                + "(one row per thread: holding, waiting, released; drop requests marked), with the Chrome "
                + "trace JSON beside it (same name, .json) to open in ui.perfetto.dev."})
final class TimelineCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--lesson", required = true, paramLabel = "NN", converter = LessonConverter.class,
            description = "The lesson's number (see 'gillab lessons').")
    private Lesson lesson;

    @Option(names = "--out", required = true, paramLabel = "FILE.svg",
            description = "The SVG file to write; the trace goes beside it as FILE.json.")
    private Path out;

    @Option(names = "--threads", paramLabel = "N",
            description = "Run with N threads only (default: the lesson's own thread counts; it "
                    + "draws its most telling run).")
    private Integer threads;

    @Option(names = "--mode", converter = LockModeConverter.class,
            description = "The lock mode: switch, ticks, free or priority (default: the lesson's own).")
    private LockMode mode;

    @Option(names = "--switch-interval", paramLabel = "MICROS",
            description = "The switch interval in microseconds, like sys.setswitchinterval "
                    + "(default: the lesson's own).")
    private Long switchIntervalMicros;

    @Mixin
    private WorkloadOptions workload;

    @Override
    public Integer call() throws IOException {
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            throw new ParameterException(spec.commandLine(), "--out must name an .svg file, was '" + out + "'");
        }
        OutputFolder.resolve(out.toAbsolutePath().getParent(), "timeline");
        LessonSettings settings = workload.settings().withThreads(threads == null ? List.of() : List.of(threads))
                .withMode(mode).withSwitchIntervalMicros(switchIntervalMicros).withTrace(true);
        PrintWriter stdout = spec.commandLine().getOut();
        LessonText.header(stdout, lesson.info());
        LessonResult result;
        try (StepDisplay progress = StepDisplay.open("Lesson " + lesson.info().id(),
                settings.threads().size(), spec.commandLine().getErr())) {
            result = lesson.run(settings.withProgress(progress));
        }
        LessonText.result(stdout, result);
        Path json = LessonReport.writeTimeline(result, switchIntervalMicros, out);
        stdout.println("timeline: " + out);
        stdout.println("trace:    " + json + "  (open it in ui.perfetto.dev)");
        stdout.flush();
        return 0;
    }
}
