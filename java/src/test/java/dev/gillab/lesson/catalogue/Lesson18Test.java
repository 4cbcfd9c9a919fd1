package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lesson 18 at the tests' scale, which its 25 ms unit makes the same as {@code --quick}: 4
 * programs of 100, 75, 50 and 25 ms per file, two files each, so the slowest converter needs
 * 200 ms and the sum is 500 ms. The serialisation claims are exact (programs at once, lower
 * bounds that hold by construction); the converters' upper bound, three quarters of the sum,
 * leaves them 175 ms for starting threads and passing the lock.
 */
class Lesson18Test {

    private final Lesson18_QueuesAndPrimitivesRelease lesson = new Lesson18_QueuesAndPrimitivesRelease();

    @Test
    void meetsItsDeclaredExpectations() {
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        LessonTests.assertDeclaredExpectations(lesson, settings, r);
        assertThat(r.rows()).hasSize(3);
        assertThat(r.conclusion()).as("the conclusion follows the figures").contains("one program at a time");
    }

    /** Two programs: two converters, and still exactly one released exit wait per file that the broken run lacks. */
    @Test
    void theProgramsFollowTheThreadCountChosen() {
        LessonResult r = lesson.run(LessonTests.small().withThreads(List.of(2)));

        assertThat(r.rows().get(1).threads()).as("a dispatcher and two converters").isEqualTo(3);
        assertThat(r.get(Lesson18_QueuesAndPrimitivesRelease.AT_ONCE.at("converters"))).isBetween(1.0, 2.0);
        assertThat(r.get(Lesson18_QueuesAndPrimitivesRelease.AT_ONCE.at("broken"))).isEqualTo(1);
        assertThat(r.get(Lesson18_QueuesAndPrimitivesRelease.RELEASED_EXIT_WAITS)).isEqualTo(1);
    }
}
