package dev.gillab.lesson;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a lesson is about, before it runs.
 *
 * @param number       its number in the catalogue: never reused, never renumbered
 * @param title        a few words, e.g. "Release around the native call"
 * @param verdict      right, broken, inefficient, or just showing how the lock behaves
 * @param analogue     the real-world API or program it models, e.g. "Py_BEGIN_ALLOW_THREADS"
 * @param summary      one line for {@code gillab lessons}: what it shows
 * @param expectations what it expects of its figures, declared once: its test checks them,
 *                     {@code gillab lesson} judges them, the README's catalogue lists them
 */
public record LessonInfo(int number, String title, Verdict verdict, String analogue, String summary,
                         List<Expectation> expectations) {

    public LessonInfo {
        if (number < 1 || number > 99) {
            throw new IllegalArgumentException("a lesson's number is 1 to 99, not " + number);
        }
        expectations = List.copyOf(expectations);
        if (expectations.isEmpty()) {
            throw new IllegalArgumentException("lesson " + number + " expects nothing: declare its expectations");
        }
    }

    /** "07", as in file names and on the command line. */
    public String id() {
        return String.format("%02d", number);
    }

    /** Every expectation in words, separated by semicolons. */
    public String expected() {
        return expectations.stream().map(Expectation::describe).collect(Collectors.joining("; "));
    }
}
