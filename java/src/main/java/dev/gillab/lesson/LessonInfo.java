package dev.gillab.lesson;

/**
 * What a lesson is about, before it runs.
 *
 * @param number   its number in the catalogue: never reused, never renumbered
 * @param title    a few words, e.g. "Release around the native call"
 * @param verdict  right, broken, inefficient, or just showing how the lock behaves
 * @param analogue the real-world API or program it models, e.g. "Py_BEGIN_ALLOW_THREADS"
 * @param expected the expected result as a band, e.g. "2 threads: 1.8x to 2.0x on 2 cores"
 * @param summary  one line for {@code gillab lessons}: what it shows
 */
public record LessonInfo(int number, String title, Verdict verdict, String analogue, String expected,
                         String summary) {

    /** "07", as in file names and on the command line. */
    public String id() {
        return String.format("%02d", number);
    }
}
