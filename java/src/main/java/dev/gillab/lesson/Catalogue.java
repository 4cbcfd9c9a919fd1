package dev.gillab.lesson;

import dev.gillab.lesson.catalogue.Lesson01_PureJavaUnderTheLock;
import dev.gillab.lesson.catalogue.Lesson02_BrokenNativeHoldsTheLock;
import dev.gillab.lesson.catalogue.Lesson03_ReleaseAroundTheNativeCall;
import dev.gillab.lesson.catalogue.Lesson04_InefficientReleaseTooShort;
import dev.gillab.lesson.catalogue.Lesson05_ReleaseAboveAThreshold;
import dev.gillab.lesson.catalogue.Lesson08_BatchThenRelease;
import dev.gillab.lesson.catalogue.Lesson09_PassingArraysWhileReleased;
import java.util.List;

/** Every lesson, in order of number. */
public final class Catalogue {

    private static final List<Lesson> LESSONS = List.of(
            new Lesson01_PureJavaUnderTheLock(),
            new Lesson02_BrokenNativeHoldsTheLock(),
            new Lesson03_ReleaseAroundTheNativeCall(),
            new Lesson04_InefficientReleaseTooShort(),
            new Lesson05_ReleaseAboveAThreshold(),
            new Lesson08_BatchThenRelease(),
            new Lesson09_PassingArraysWhileReleased());

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
