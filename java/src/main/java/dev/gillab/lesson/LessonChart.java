package dev.gillab.lesson;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The chart that answers a lesson's question, chosen by the lesson from its own data.
 *
 * <ul>
 *   <li>{@link Kind#SPEEDUP} (the default): speedup against thread count, one line per kind of
 *       row, drawn from the table. For lessons that ask "do more threads help?".</li>
 *   <li>{@link Kind#BARS}: one value per category and series, e.g. round trips per second per
 *       condition, or the cost of one call held and released.</li>
 *   <li>{@link Kind#LINES}: a value against a number, e.g. what releasing costs against the
 *       data size, where a crossover shows.</li>
 * </ul>
 * A chart carries its numbers, not formatted table cells. Legibility is a rule here: at most
 * {@link #MAX_SERIES} series; more are drawn as small multiples, a panel for each group of
 * that many.
 *
 * @param kind   which picture
 * @param title  the question it answers, as the chart's title
 * @param xAxis  the x axis' title (LINES), or "" for the others
 * @param yAxis  the y axis' title, with its unit
 * @param logX   a logarithmic x axis (LINES)
 * @param logY   a logarithmic y axis (LINES): for values of several orders of magnitude, all positive
 * @param points the data, empty for SPEEDUP
 */
public record LessonChart(Kind kind, String title, String xAxis, String yAxis, boolean logX, boolean logY,
                          List<Point> points) {

    /** The kinds of chart a lesson can choose. */
    public enum Kind { SPEEDUP, BARS, LINES }

    /**
     * One value: of {@code series} at {@code category} (BARS; {@code x} is NaN), or at {@code x}
     * (LINES; {@code category} is null).
     */
    public record Point(String series, String category, double x, double y) {

        public Point {
            Objects.requireNonNull(series, "series");
        }
    }

    /** The most series one plot of a lesson chart shows before it is split into panels. */
    public static final int MAX_SERIES = 6;

    /** Speedup against threads, from the table's rows. */
    public static final LessonChart SPEEDUP = new LessonChart(Kind.SPEEDUP, "", "threads", "speedup", false, false,
            List.of());

    public LessonChart {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        points = List.copyOf(points);
        if (kind != Kind.SPEEDUP && points.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " chart needs points: '" + title + "'");
        }
        for (Point p : points) {
            if (kind == Kind.BARS && p.category() == null) {
                throw new IllegalArgumentException("a bar needs a category: " + p);
            }
            if (kind == Kind.LINES && Double.isNaN(p.x())) {
                throw new IllegalArgumentException("a point of a line needs an x value: " + p);
            }
            if ((logY && !(p.y() > 0)) || (logX && !(p.x() > 0))) {
                throw new IllegalArgumentException("a log axis needs positive values: " + p);
            }
        }
    }

    /** Bars, on a linear axis from zero: {@code points} made with {@link #bar}. */
    public static LessonChart bars(String title, String yAxis, List<Point> points) {
        return new LessonChart(Kind.BARS, title, "", yAxis, false, false, points);
    }

    /** Lines: {@code points} made with {@link #point}. */
    public static LessonChart lines(String title, String xAxis, String yAxis, boolean logX, boolean logY,
                                    List<Point> points) {
        return new LessonChart(Kind.LINES, title, xAxis, yAxis, logX, logY, points);
    }

    /** A bar of {@code series} at {@code category}. */
    public static Point bar(String series, String category, double y) {
        return new Point(series, Objects.requireNonNull(category, "category"), Double.NaN, y);
    }

    /** A point of the line {@code series}. */
    public static Point point(String series, double x, double y) {
        return new Point(series, null, x, y);
    }

    /** The series' names, in order of first appearance. */
    public List<String> series() {
        return List.copyOf(new LinkedHashSet<>(points.stream().map(Point::series).toList()));
    }

    /** The categories of a bar chart, in order of first appearance. */
    public List<String> categories() {
        return List.copyOf(new LinkedHashSet<>(points.stream().map(Point::category).filter(Objects::nonNull).toList()));
    }
}
