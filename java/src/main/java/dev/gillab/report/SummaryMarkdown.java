package dev.gillab.report;

import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code summary.md} of a run of several lessons: how it was run, then per lesson its header,
 * its table, its conclusion and links to its pictures (paths relative to the summary's folder,
 * so the folder can be moved or published as it is).
 */
public final class SummaryMarkdown {

    private final Path directory;
    private final StringBuilder body = new StringBuilder();

    /** A summary to be written into {@code directory}, opening with a heading and a line on how it was run. */
    public SummaryMarkdown(Path directory, String heading, String howRun) {
        this.directory = directory;
        body.append("# ").append(heading).append("\n\n").append(howRun).append("\n");
    }

    /** A lesson that ran, with the files it left. */
    public void lesson(LessonResult result, LessonReport.Files files) {
        header(result.info());
        body.append("```text\n").append(result.table()).append("```\n\n");
        body.append("**").append(result.conclusion()).append("**\n\n");
        body.append(image("speedup", files.chartSvg()));
        if (files.timelineSvg() != null) {
            body.append(image("lock timeline", files.timelineSvg()));
            body.append("Chrome trace, for ui.perfetto.dev: [").append(relative(files.traceJson())).append("](")
                    .append(relative(files.traceJson())).append(")\n");
        }
    }

    /** A lesson that did not run, and why. */
    public void notRun(LessonInfo info, String why) {
        header(info);
        body.append("Not run: ").append(why).append("\n");
    }

    /** A lesson number that is not in the catalogue. */
    public void absent(int number) {
        body.append(String.format(Locale.ROOT, "%n## Lesson %02d%n%nNot in this build's catalogue: skipped.%n", number));
    }

    /** Writes {@code summary.md}, closing with the total time; returns its path. */
    public Path write(Duration elapsed) {
        Path file = directory.resolve("summary.md");
        String text = body + String.format(Locale.ROOT, "%nTotal time: %.1f s.%n", elapsed.toMillis() / 1000.0);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private void header(LessonInfo info) {
        body.append(String.format(Locale.ROOT, "%n## Lesson %s: %s (%s)%n%n- analogue: %s%n- expected: %s%n%n",
                info.id(), info.title(), info.verdict().label(), info.analogue(), info.expected()));
    }

    private String image(String alt, Path file) {
        return "![" + alt + "](" + relative(file) + ")\n\n";
    }

    private String relative(Path file) {
        return directory.toAbsolutePath().relativize(file.toAbsolutePath()).toString().replace('\\', '/');
    }
}
