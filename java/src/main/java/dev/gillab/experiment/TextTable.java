package dev.gillab.experiment;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns as wide as their widest cell; the first column and text left, numbers right. */
public final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    public TextTable add(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("a row has " + cells.size() + " cells, the header " + header.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    public String render() {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, header, width);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        b.append(rule).append('\n');
        for (List<String> r : rows) {
            line(b, r, width);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells, int[] width) {
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            b.append(c == 0 ? "" : "  ").append(c > 0 && looksNumeric(cell) ? pad + cell : cell + pad);
        }
        b.setLength(b.length() - countTrailingSpaces(b));
        b.append('\n');
    }

    private static boolean looksNumeric(String cell) {
        return !cell.isEmpty() && (Character.isDigit(cell.charAt(0)) || cell.charAt(0) == '-' && cell.length() > 1);
    }

    private static int countTrailingSpaces(StringBuilder b) {
        int n = 0;
        while (n < b.length() && b.charAt(b.length() - 1 - n) == ' ') {
            n++;
        }
        return n;
    }
}
