package dev.gillab.lesson;

import dev.gillab.lesson.catalogue.Lesson01_PureJavaUnderTheLock;
import dev.gillab.lesson.catalogue.Lesson12_ThreadPoolLockedVsReleased;
import dev.gillab.lesson.catalogue.Lesson13_ProcessPoolOwnLocks;
import dev.gillab.lesson.catalogue.Lesson15_FreeThreadedNeedsRealLocks;
import dev.gillab.lesson.catalogue.Lesson16_BrokenLostUpdates;
import dev.gillab.lesson.catalogue.Lesson17_OldLockBattleOnTwoCores;
import java.util.List;

/** Every lesson, in order of number. */
public final class Catalogue {

    private static final List<Lesson> LESSONS = List.of(
            new Lesson01_PureJavaUnderTheLock(),
            new Lesson12_ThreadPoolLockedVsReleased(),
            new Lesson13_ProcessPoolOwnLocks(),
            new Lesson15_FreeThreadedNeedsRealLocks(),
            new Lesson16_BrokenLostUpdates(),
            new Lesson17_OldLockBattleOnTwoCores());

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
