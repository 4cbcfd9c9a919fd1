package dev.gillab.lesson.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.lesson.LessonChart;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lesson 20: what blocks a task blocks the loop; to_thread frees it only from calls that release the lock. */
class Lesson20Test {

    private final Lesson20_BrokenBlockingCallInACoroutine lesson = new Lesson20_BrokenBlockingCallInACoroutine();

    @BeforeAll
    static void nativeLibrary() {
        LessonTests.assumeNativeLibrary();
    }

    @Test
    void meetsItsDeclaredExpectations() {
        LessonSettings settings = LessonTests.small();
        LessonResult r = lesson.run(settings);

        LessonTests.assertDeclaredExpectations(lesson, settings, r);
        assertThat(r.rows()).hasSize(6);
        assertThat(r.get(Lesson20_BrokenBlockingCallInACoroutine.SLOW_STEPS.at("blockingInThread")))
                .as("the blocking call on a worker is no step of the loop's\n" + r).isZero();
        assertThat(r.chart().kind()).isEqualTo(LessonChart.Kind.BARS);
        assertThat(r.chart().categories()).hasSize(5);
        assertThat(r.conclusion()).contains("to_thread helps only calls that release the lock");
    }
}
