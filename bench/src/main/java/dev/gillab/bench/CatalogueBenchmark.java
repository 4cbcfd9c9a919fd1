package dev.gillab.bench;

import dev.gillab.experiment.Row;
import dev.gillab.lesson.Catalogue;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The lesson catalogue as one benchmark: each lesson, selected by {@code @Param} as jcstress's
 * {@code SingletonBench} selects each sample, runs once per invocation at the quick size
 * ({@link LessonSettings#quick()}), and JMH reports how long a whole run took.
 *
 * <p>How to read it: the score is the wall time of one whole lesson (every configuration of
 * its table), a guard against a lesson becoming slow; the lesson's own figures come along as
 * secondary results ({@link Figures}): the best and the last speedup of its table and the lock
 * switches it counted. They let a change to the lock be seen across the catalogue in one run,
 * e.g. the last speedup of lesson 01 should stay near 1x and a releasing lesson's near the
 * core count.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Catalogue} runs the lessons listed in
 * {@link #lesson}; {@code -p lesson=01,02,03} runs those (any id that {@code gillab lessons}
 * lists).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class CatalogueBenchmark {

    /** The lesson's id, "01" to "18": every lesson of the catalogue. */
    @Param({"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18"})
    public String lesson;

    private Lesson selected;

    /** The lesson's own figures from the last run of the iteration, reported beside the time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Figures {

        /** The highest speedup in the lesson's table. */
        public double speedupBest;
        /** The speedup of the table's last row: usually the most threads. */
        public double speedupLast;
        /** Lock hand-offs over the whole lesson. */
        public long switches;

        @Setup(Level.Iteration)
        public void clear() {
            speedupBest = 0;
            speedupLast = 0;
            switches = 0;
        }

        void record(LessonResult result) {
            speedupBest = result.rows().stream().mapToDouble(Row::speedup).max().orElse(0);
            speedupLast = result.rows().isEmpty() ? 0 : result.rows().getLast().speedup();
            switches = result.rows().stream().mapToLong(Row::switches).sum();
        }
    }

    @Setup(Level.Trial)
    public void select() {
        selected = Catalogue.byNumber(Integer.parseInt(lesson));
    }

    @Benchmark
    public LessonResult run(Figures figures) {
        LessonResult result = selected.run(LessonSettings.quick());
        figures.record(result);
        return result;
    }
}
