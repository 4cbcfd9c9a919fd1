package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.experiment.Row;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import org.junit.jupiter.api.Test;

/**
 * Lesson 16 at a small scale. The loss is certain, not likely (see the lesson): every forced drop
 * happens between a load and its store, and the thread the lock goes to stores before the dropped
 * one does. So "lost > 0" follows from "at least one forced drop", which a run of 4 threads lasting
 * many switch intervals always has; the lesson declares both. With the real lock held across the
 * load and the store, no interleaving can lose anything: exactly 0.
 */
class Lesson16Test {

    private final Lesson16_BrokenLostUpdates lesson = new Lesson16_BrokenLostUpdates();

    @Test
    void meetsItsDeclaredExpectations() {
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        assertThat(r.rows()).extracting(Row::label).containsExactly("no lock, 1 thread", "no lock, 4 threads",
                "threading.Lock, 1 thread", "threading.Lock, 4 threads");
        assertThat(r.rows()).extracting(row -> row.extra().get("increments"))
                .as("every configuration does the same work").containsOnly(r.rows().get(0).extra().get("increments"));
        assertThat(r.get(Lesson16_BrokenLostUpdates.LOST.threads(4)))
                .as("no more lost than the increments other threads could have made\n" + r)
                .isLessThan(Double.parseDouble(r.rows().get(1).extra().get("increments")));
        assertThat(r.conclusion()).as(r.toString()).contains("a real lock did");
        LessonTests.assertDeclaredExpectations(lesson, settings, r);
    }
}
