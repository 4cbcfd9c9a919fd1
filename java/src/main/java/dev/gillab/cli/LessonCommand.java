package dev.gillab.cli;

import dev.gillab.binding.Binding;
import dev.gillab.lesson.Catalogue;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lock.LockMode;
import dev.gillab.report.LessonReport;
import dev.gillab.report.OutputFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gillab lesson NN}: runs one lesson and prints its table and conclusion, or with
 * {@code --json} the same as one JSON document; with {@code --out} it also writes the lesson's
 * chart, lock timeline and Chrome trace, as the demo does.
 */
@Command(name = "lesson", mixinStandardHelpOptions = true,
        description = "Run one lesson of the catalogue and print its table and conclusion; with --out also write its "
                + "chart (PNG), lock timeline (SVG) and Chrome trace (JSON).")
final class LessonCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NN", description = "The lesson's number (see 'gillab lessons').")
    private int number;

    @Option(names = "--threads", split = ",", paramLabel = "N[,N...]",
            description = "Thread counts to compare, e.g. 1,2,4 (default: the lesson's own).")
    private List<Integer> threads = List.of();

    @Option(names = "--mode", converter = LockModeConverter.class,
            description = "The lock mode: switch, ticks, free or priority (default: the lesson's own).")
    private LockMode mode;

    @Option(names = "--binding", converter = BindingConverter.class,
            description = "The native binding (default: the lesson's own).")
    private Binding binding;

    @Option(names = "--switch-interval", paramLabel = "MICROS",
            description = "The switch interval in microseconds, like sys.setswitchinterval (default: 5000).")
    private Long switchIntervalMicros;

    @Mixin
    private WorkloadOptions workload;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write lessonNN-chart.png, lessonNN-timeline.svg and lessonNN-timeline.json into DIR "
                    + "(created if missing; the lock is then traced). Without it nothing is written.")
    private Path out;

    @Option(names = "--json",
            description = "Print the result as one JSON document (fields: docs/JSON.md) instead of text.")
    private boolean json;

    @Override
    public Integer call() {
        Lesson lesson = Catalogue.byNumber(number);
        LessonSettings settings = workload.settings()
                .withThreads(threads).withMode(mode).withBinding(binding)
                .withSwitchIntervalMicros(switchIntervalMicros);
        Path dir = out == null ? null : OutputFolder.resolve(out, "lesson");
        PrintWriter stdout = spec.commandLine().getOut();
        if (!json) {
            LessonText.header(stdout, lesson.info());
        }
        LessonResult result = lesson.run(settings.withTrace(out != null));
        JsonOutput.FilesJson files = null;
        if (out != null) {
            LessonReport.Files written = LessonReport.write(result, switchIntervalMicros, dir);
            files = new JsonOutput.FilesJson(JsonOutput.FilesJson.path(dir),
                    JsonOutput.FilesJson.path(written.chartPng()), JsonOutput.FilesJson.path(written.timelineSvg()),
                    JsonOutput.FilesJson.path(written.traceJson()), null);
        }
        if (json) {
            JsonOutput.print(stdout, JsonOutput.LessonJson.of(result, files));
        } else {
            LessonText.result(stdout, result);
            if (files != null) {
                stdout.println("wrote the chart" + (files.timeline() == null ? "" : ", the lock timeline and its trace")
                        + " into " + files.folder());
                stdout.flush();
            }
        }
        return 0;
    }
}
