package dev.gillab.cli;

import dev.gillab.lesson.Expectation;
import dev.gillab.lesson.Judgement;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import java.io.PrintWriter;
import java.util.List;

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

    /**
     * The table, then "=> conclusion", then the expectations judged against this run: how many
     * held, and each one that did not ({@code --json} has them all).
     */
    static void result(PrintWriter out, LessonResult result) {
        out.print(result.table());
        out.println("=> " + result.conclusion());
        List<Judgement> judged = result.judgements();
        long held = judged.stream().filter(Judgement::held).count();
        long unmeasured = judged.stream().filter(j -> !j.measured()).count();
        out.println("   expectations: " + held + " of " + judged.size() + " held"
                + (unmeasured > 0 ? " (" + unmeasured + " not measured by this run's settings)" : ""));
        judged.stream().filter(j -> j.measured() && !j.held()).forEach(j -> out.println("   " + j.describe()));
        out.flush();
    }
}
