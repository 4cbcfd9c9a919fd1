package dev.gillab.lesson;

import dev.gillab.lesson.catalogue.Lesson01_PureJavaUnderTheLock;
import dev.gillab.lesson.catalogue.Lesson02_BrokenNativeHoldsTheLock;
import dev.gillab.lesson.catalogue.Lesson03_ReleaseAroundTheNativeCall;
import dev.gillab.lesson.catalogue.Lesson04_InefficientReleaseTooShort;
import dev.gillab.lesson.catalogue.Lesson05_ReleaseAboveAThreshold;
import dev.gillab.lesson.catalogue.Lesson06_ChunkedRelease;
import dev.gillab.lesson.catalogue.Lesson07_CallbackReacquire;
import dev.gillab.lesson.catalogue.Lesson08_BatchThenRelease;
import dev.gillab.lesson.catalogue.Lesson09_PassingArraysWhileReleased;
import dev.gillab.lesson.catalogue.Lesson10_BlockingIoReleasesTheLock;
import dev.gillab.lesson.catalogue.Lesson11_ConvoyEffect;
import dev.gillab.lesson.catalogue.Lesson12_ThreadPoolLockedVsReleased;
import dev.gillab.lesson.catalogue.Lesson13_ProcessPoolOwnLocks;
import dev.gillab.lesson.catalogue.Lesson14_VirtualThreadsForIo;
import dev.gillab.lesson.catalogue.Lesson15_FreeThreadedNeedsRealLocks;
import dev.gillab.lesson.catalogue.Lesson16_BrokenLostUpdates;
import dev.gillab.lesson.catalogue.Lesson17_OldLockBattleOnTwoCores;
import dev.gillab.lesson.catalogue.Lesson18_QueuesAndPrimitivesRelease;
import dev.gillab.lesson.catalogue.Lesson19_BrokenUndeclaredExtensionBringsTheLockBack;
import dev.gillab.lesson.catalogue.Lesson20_BrokenBlockingCallInACoroutine;
import dev.gillab.lesson.catalogue.Lesson21_InterpreterPoolOwnLocks;
import java.util.List;
import java.util.stream.Collectors;

/** Every lesson, in order of number. */
public final class Catalogue {

    private static final List<Lesson> LESSONS = List.of(
            new Lesson01_PureJavaUnderTheLock(),
            new Lesson02_BrokenNativeHoldsTheLock(),
            new Lesson03_ReleaseAroundTheNativeCall(),
            new Lesson04_InefficientReleaseTooShort(),
            new Lesson05_ReleaseAboveAThreshold(),
            new Lesson06_ChunkedRelease(),
            new Lesson07_CallbackReacquire(),
            new Lesson08_BatchThenRelease(),
            new Lesson09_PassingArraysWhileReleased(),
            new Lesson10_BlockingIoReleasesTheLock(),
            new Lesson11_ConvoyEffect(),
            new Lesson12_ThreadPoolLockedVsReleased(),
            new Lesson13_ProcessPoolOwnLocks(),
            new Lesson14_VirtualThreadsForIo(),
            new Lesson15_FreeThreadedNeedsRealLocks(),
            new Lesson16_BrokenLostUpdates(),
            new Lesson17_OldLockBattleOnTwoCores(),
            new Lesson18_QueuesAndPrimitivesRelease(),
            new Lesson19_BrokenUndeclaredExtensionBringsTheLockBack(),
            new Lesson20_BrokenBlockingCallInACoroutine(),
            new Lesson21_InterpreterPoolOwnLocks());

    private Catalogue() {
    }

    public static List<Lesson> all() {
        return LESSONS;
    }

    /**
     * The catalogue as a Markdown table (number, lesson, verdict, real-world analogue, expected):
     * the README's catalogue is this table, and a test fails when they drift apart.
     */
    public static String markdownTable() {
        StringBuilder b = new StringBuilder("| # | lesson | verdict | real-world analogue | expected |\n");
        b.append("|---|---|---|---|---|\n");
        for (Lesson lesson : LESSONS) {
            LessonInfo i = lesson.info();
            String expected = i.expectations().stream().map(Expectation::describe).collect(Collectors.joining("<br>"));
            b.append("| ").append(i.id()).append(" | ").append(cell(i.title())).append(" | ")
                    .append(i.verdict().label()).append(" | ").append(cell(i.analogue())).append(" | ")
                    .append(cell(expected)).append(" |\n");
        }
        return b.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** The lesson with this number. */
    public static Lesson byNumber(int number) {
        return LESSONS.stream().filter(l -> l.info().number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no lesson " + number + "; lessons are "
                        + LESSONS.stream().map(l -> l.info().id()).toList()));
    }
}
