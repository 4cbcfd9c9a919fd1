package dev.gillab.report;

import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The summary of a run of several lessons, written twice from the same content:
 * {@code summary.md}, which links its pictures (paths relative to its folder, so the folder
 * can be moved or published as it is), and {@code index.html}, one self-contained page with
 * the charts and timelines embedded (data URIs; no script, style sheet or image fetched from
 * elsewhere) and links to the Chrome traces beside it.
 *
 * <p>It opens with how it was run and the headline chart (calls per second, Java holding the
 * lock against C releasing it), then per lesson its header, its table, its conclusion, its
 * chart and its lock timeline.
 */
public final class DemoSummary {

    /** What was written. */
    public record Written(Path markdown, Path html) {
    }

    private final Path directory;
    private final StringBuilder markdown = new StringBuilder();
    private final StringBuilder html = new StringBuilder();

    /** A summary to be written into {@code directory}, opening with a heading and a line on how it was run. */
    public DemoSummary(Path directory, String heading, String howRun) {
        this.directory = directory;
        markdown.append("# ").append(heading).append("\n\n").append(howRun).append("\n");
        html.append(ReportDocument.htmlHead(heading)).append("<p>").append(ReportDocument.escape(howRun))
                .append("</p>\n");
    }

    /**
     * The headline: writes {@code headline-calls-per-second.png} and shows it. Call it first,
     * so that it opens the summary.
     */
    public Path headline(List<CallRate> rates) {
        Path png = directory.resolve(BenchCharts.HEADLINE_FILE + ".png");
        Picture picture = BenchCharts.headline(BenchCharts.HEADLINE_TITLE, rates);
        picture.writePng(png);
        String text = "Calls per second of each kernel: interpreted Java holding the lock "
                + "against the same kernel in C, releasing the lock around each call. C is faster per call, and only "
                + "the released calls gain from threads.";
        markdown.append("\n## Headline\n\n").append(text).append("\n\n").append(image(picture.title(), png));
        html.append("<h2>Headline</h2>\n<p>").append(ReportDocument.escape(text)).append("</p>\n")
                .append(embedded(picture.title(), png, "image/png"));
        return png;
    }

    /** A lesson that ran, with the files it left. */
    public void lesson(LessonResult result, LessonReport.Files files) {
        header(result.info());
        markdown.append("```text\n").append(result.table()).append("```\n\n");
        markdown.append("**").append(result.conclusion()).append("**\n\n");
        html.append("<pre>").append(ReportDocument.escape(result.table())).append("</pre>\n<p><strong>")
                .append(ReportDocument.escape(result.conclusion())).append("</strong></p>\n");
        String chart = result.chart().title().isEmpty() ? "speedup" : result.chart().title();
        markdown.append(image(chart, files.chartPng()));
        html.append(embedded(chart, files.chartPng(), "image/png"));
        if (files.timelineSvg() != null) {
            markdown.append(image("lock timeline", files.timelineSvg()));
            markdown.append("Chrome trace, for ui.perfetto.dev: [").append(relative(files.traceJson())).append("](")
                    .append(relative(files.traceJson())).append(")\n");
            html.append(embedded("lock timeline", files.timelineSvg(), "image/svg+xml"));
            html.append("<p>Chrome trace, to open in ui.perfetto.dev: <a href=\"").append(relative(files.traceJson()))
                    .append("\">").append(relative(files.traceJson())).append("</a></p>\n");
        }
    }

    /** A lesson that did not run, and why. */
    public void notRun(LessonInfo info, String why) {
        header(info);
        markdown.append("Not run: ").append(why).append("\n");
        html.append("<p>Not run: ").append(ReportDocument.escape(why)).append("</p>\n");
    }

    /** A lesson number that is not in the catalogue. */
    public void absent(int number) {
        String heading = String.format(Locale.ROOT, "Lesson %02d", number);
        markdown.append("\n## ").append(heading).append("\n\nNot in this build's catalogue: skipped.\n");
        html.append("<h2>").append(heading).append("</h2>\n<p>Not in this build's catalogue: skipped.</p>\n");
    }

    /** Writes {@code summary.md} and {@code index.html}, closing with the total time. */
    public Written write(Duration elapsed) {
        String total = String.format(Locale.ROOT, "Total time: %.1f s.", elapsed.toMillis() / 1000.0);
        Path md = directory.resolve("summary.md");
        Path page = directory.resolve("index.html");
        try {
            Files.writeString(md, markdown + "\n" + total + "\n", StandardCharsets.UTF_8);
            Files.writeString(page, html + "<p>" + total + "</p>\n</body>\n</html>\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary into " + directory, e);
        }
        return new Written(md, page);
    }

    private void header(LessonInfo info) {
        String heading = "Lesson " + info.id() + ": " + info.title() + " (" + info.verdict().label() + ")";
        markdown.append(String.format(Locale.ROOT, "%n## %s%n%n- analogue: %s%n- expected: %s%n%n", heading,
                info.analogue(), info.expected()));
        html.append("<h2>").append(ReportDocument.escape(heading)).append("</h2>\n<ul><li>analogue: ")
                .append(ReportDocument.escape(info.analogue())).append("</li><li>expected: ")
                .append(ReportDocument.escape(info.expected())).append("</li></ul>\n");
    }

    private String image(String alt, Path file) {
        return "![" + alt + "](" + relative(file) + ")\n\n";
    }

    /** An {@code <img>} with the file's bytes inside it, so the page needs nothing beside it to show its pictures. */
    private static String embedded(String alt, Path file, String mediaType) {
        try {
            return "<p><img alt=\"" + ReportDocument.escape(alt) + "\" src=\"data:" + mediaType + ";base64,"
                    + Base64.getEncoder().encodeToString(Files.readAllBytes(file)) + "\"></p>\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to embed it", e);
        }
    }

    private String relative(Path file) {
        return directory.toAbsolutePath().relativize(file.toAbsolutePath()).toString().replace('\\', '/');
    }
}
