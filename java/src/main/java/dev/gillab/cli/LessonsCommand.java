package dev.gillab.cli;

import dev.gillab.lesson.Catalogue;
import dev.gillab.lesson.Expectation;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonInfo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gillab lessons}: the catalogue, one line per lesson with its verdict. */
@Command(name = "lessons", mixinStandardHelpOptions = true,
        description = "List the lesson catalogue: number, verdict, title and what each shows.")
final class LessonsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--markdown",
            description = "Print the catalogue as the README's Markdown table: number, lesson, verdict, "
            + "real-world analogue, expected.")
    private boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (markdown) {
            out.print(Catalogue.markdownTable());
            out.flush();
            return 0;
        }
        for (Lesson lesson : Catalogue.all()) {
            LessonInfo i = lesson.info();
            out.printf("%s  %-11s %-42s %s%n", i.id(), i.verdict().label(), i.title(), i.summary());
            for (Expectation e : i.expectations()) {
                out.println("      expected: " + e.describe());
            }
        }
        out.println();
        out.println("Run one with: gillab lesson NN   (gillab lesson --help for the options)");
        out.flush();
        return 0;
    }
}
