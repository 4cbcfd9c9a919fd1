package dev.gillab.cli;

import dev.gillab.lesson.Expectation;
import dev.gillab.lesson.Judgement;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import java.io.PrintWriter;

/** How the commands that run lessons print them: a header before the run, the table and conclusion after. */
final class LessonText {

    private LessonText() {
    }

    /** "Lesson 01: title (verdict)", then the analogue and each expectation. */
    static void header(PrintWriter out, LessonInfo info) {
        out.println("Lesson " + info.id() + ": " + info.title() + " (" + info.verdict().label() + ")");
        out.println("  analogue: " + info.analogue());
        for (Expectation e : info.expectations()) {
            out.println("  expected: " + e.describe());
        }
        out.flush();
    }

    /** The table, then "=> conclusion", then each expectation judged against this run. */
    static void result(PrintWriter out, LessonResult result) {
        out.print(result.table());
        out.println("=> " + result.conclusion());
        for (Judgement j : result.judgements()) {
            out.println("   " + j.describe());
        }
        out.flush();
    }
}
