package dev.gillab.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A report as a list of sections of text, tables and charts, written two ways from the same
 * content: Markdown with the charts as PNG files in a folder beside it, and one self-contained HTML page
 * with the charts embedded as base64 PNG (no external file, script or style sheet).
 *
 * <p>Text may mark code with backticks, as Markdown does; the HTML turns it into
 * {@code <code>}.
 */
final class ReportDocument {

    /** A piece of a section. */
    sealed interface Block permits Text, Table, Figure {
    }

    /** A paragraph. */
    record Text(String text) implements Block {
    }

    /** A table: a header row, then rows of the same width. */
    record Table(List<String> header, List<List<String>> rows) implements Block {
        Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** A picture, written as {@code file.png}. */
    record Figure(String file, Picture picture) implements Block {

        /** A single chart. */
        Figure(String file, Chart<?, ?> chart) {
            this(file, Picture.of(chart));
        }
    }

    /** A heading and its blocks. */
    record Section(String title, List<Block> blocks) {
        Section {
            blocks = List.copyOf(blocks);
        }
    }

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private final String title;
    private final List<Section> sections = new ArrayList<>();

    ReportDocument(String title) {
        this.title = title;
    }

    void add(Section section) {
        sections.add(section);
    }

    List<Section> sections() {
        return List.copyOf(sections);
    }

    /** Every chart, to be written beside the Markdown. */
    List<Figure> figures() {
        return sections.stream().flatMap(s -> s.blocks().stream()).filter(Figure.class::isInstance)
                .map(Figure.class::cast).toList();
    }

    /** Writes each chart as PNG into {@code directory}. */
    void writeFigures(Path directory) {
        figures().forEach(f -> f.picture().writePng(directory.resolve(f.file() + ".png")));
    }

    /** The Markdown, its charts referred to as {@code chartPrefix + file + ".png"}. */
    String markdown(String chartPrefix) {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n");
        for (Section s : sections) {
            md.append("\n## ").append(s.title()).append("\n");
            for (Block b : s.blocks()) {
                md.append('\n');
                switch (b) {
                    case Text t -> md.append(t.text()).append('\n');
                    case Table t -> {
                        md.append(mdRow(t.header()));
                        md.append("|").append("---|".repeat(t.header().size())).append('\n');
                        t.rows().forEach(r -> md.append(mdRow(r)));
                    }
                    case Figure f -> md.append("![").append(f.picture().title()).append("](").append(chartPrefix)
                            .append(f.file())
                            .append(".png)\n");
                }
            }
        }
        return md.toString();
    }

    String html() {
        StringBuilder h = new StringBuilder(htmlHead(title));
        for (Section s : sections) {
            h.append("<h2>").append(escape(s.title())).append("</h2>\n");
            for (Block b : s.blocks()) {
                switch (b) {
                    case Text t -> h.append("<p>").append(inline(t.text())).append("</p>\n");
                    case Table t -> {
                        h.append("<table>\n<tr>");
                        t.header().forEach(c -> h.append("<th>").append(inline(c)).append("</th>"));
                        h.append("</tr>\n");
                        for (List<String> r : t.rows()) {
                            h.append("<tr>");
                            r.forEach(c -> h.append("<td>").append(inline(c)).append("</td>"));
                            h.append("</tr>\n");
                        }
                        h.append("</table>\n");
                    }
                    case Figure f -> h.append("<p><img alt=\"").append(escape(f.picture().title()))
                            .append("\" src=\"data:image/png;base64,")
                            .append(Base64.getEncoder().encodeToString(f.picture().png())).append("\"></p>\n");
                }
            }
        }
        return h.append("</body>\n</html>\n").toString();
    }

    /** The start of a page, up to its {@code <h1>}: one inline style sheet, nothing fetched from elsewhere. */
    static String htmlHead(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>\n"
                + "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1000px;margin:2em auto;"
                + "padding:0 1em;color:#1f2328;line-height:1.5}\n"
                + "table{border-collapse:collapse;margin:1em 0;font-size:0.9em}"
                + "th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left}th{background:#f6f8fa}\n"
                + "code{background:#f6f8fa;padding:0 3px;border-radius:3px}img{max-width:100%}\n"
                + "pre{background:#f6f8fa;padding:8px;overflow-x:auto;font-size:0.8em}\n"
                + "</style>\n</head>\n<body>\n<h1>" + escape(title) + "</h1>\n";
    }

    private static String mdRow(List<String> cells) {
        StringBuilder row = new StringBuilder("|");
        cells.forEach(c -> row.append(' ').append(c.replace("|", "\\|")).append(" |"));
        return row.append('\n').toString();
    }

    /** Escaped text, with `code` spans as {@code <code>}. */
    private static String inline(String text) {
        Matcher m = CODE.matcher(escape(text));
        return m.replaceAll("<code>$1</code>");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
