package dev.gillab.cli;

import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import java.io.PrintWriter;

/** How the commands that run lessons print them: a header before the run, the table and conclusion after. */
final class LessonText {

    private LessonText() {
    }

    /** "Lesson 01: title (verdict)", then the analogue and the expected band. */
    static void header(PrintWriter out, LessonInfo info) {
        out.println("Lesson " + info.id() + ": " + info.title() + " (" + info.verdict().label() + ")");
        out.println("  analogue: " + info.analogue());
        out.println("  expected: " + info.expected());
        out.flush();
    }

    /** The table, then "=> conclusion". */
    static void result(PrintWriter out, LessonResult result) {
        out.print(result.table());
        out.println("=> " + result.conclusion());
        out.flush();
    }
}
