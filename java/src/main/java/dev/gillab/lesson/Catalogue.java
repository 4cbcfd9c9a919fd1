package dev.gillab.lesson;

import dev.gillab.lesson.catalogue.Lesson01_PureJavaUnderTheLock;
import dev.gillab.lesson.catalogue.Lesson06_ChunkedRelease;
import dev.gillab.lesson.catalogue.Lesson07_CallbackReacquire;
import java.util.List;

/** Every lesson, in order of number. */
public final class Catalogue {

    private static final List<Lesson> LESSONS = List.of(
            new Lesson01_PureJavaUnderTheLock(),
            new Lesson06_ChunkedRelease(),
            new Lesson07_CallbackReacquire());

    private Catalogue() {
    }

    public static List<Lesson> all() {
        return LESSONS;
    }

    /** The lesson with this number. */
    public static Lesson byNumber(int number) {
        return LESSONS.stream().filter(l -> l.info().number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no lesson " + number + "; lessons are "
                        + LESSONS.stream().map(l -> l.info().id()).toList()));
    }
}
