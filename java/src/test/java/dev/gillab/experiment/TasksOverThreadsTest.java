package dev.gillab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Tasks spread over threads as a pool's map spreads them: each once, thread i taking i, i + k, ... */
class TasksOverThreadsTest {

    @Test
    void everyTaskRunsOnceOnTheThreadItsNumberNames() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        Map<Integer, String> ranOn = new ConcurrentHashMap<>();

        Measurement m = TasksOverThreads.run(interpreter, 3, 7, "task",
                n -> ranOn.merge(n, Thread.currentThread().getName(), (a, b) -> a + " and " + b));

        assertThat(m.threads()).isEqualTo(3);
        assertThat(ranOn).containsExactlyInAnyOrderEntriesOf(Map.of(0, "task-0", 1, "task-1", 2, "task-2",
                3, "task-0", 4, "task-1", 5, "task-2", 6, "task-0"));
    }

    @Test
    void aTaskThatThrowsFailsTheRun() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);

        assertThatThrownBy(() -> TasksOverThreads.run(interpreter, 2, 4, "task", n -> {
            if (n == 3) {
                throw new IOException("fetch 3 failed");
            }
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("fetch 3 failed");
    }

    @Test
    void refusesNoThreadsAndNegativeTaskCounts() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);

        for (List<Integer> bad : List.of(List.of(0, 1), List.of(1, -1))) {
            assertThatThrownBy(() -> TasksOverThreads.run(interpreter, bad.get(0), bad.get(1), "task", n -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
