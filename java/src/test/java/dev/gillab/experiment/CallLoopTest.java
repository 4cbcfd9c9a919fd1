package dev.gillab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loops poll before every call, as the eval loop does at every back edge. */
class CallLoopTest {

    @Test
    void repeatCallsWithEveryIndexInOrderAndPollsBeforeEachCall() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        List<Long> seen = new ArrayList<>();

        Measurement m = ThreadedRun.run(interpreter, 1, "loop", t -> CallLoop.repeat(interpreter, 5, seen::add));

        assertThat(seen).as("the indices passed to the call").containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(m.stats().total().polls()).as("one poll per call").isEqualTo(5);
    }

    @Test
    void repeatForCallsAtLeastOnceAndUntilTheTimeHasPassed() {
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        long[] calls = new long[2];
        long[] elapsed = new long[1];

        Measurement m = ThreadedRun.run(interpreter, 1, "loop", t -> {
            calls[0] = CallLoop.repeatFor(interpreter, 0, () -> { });
            long start = System.nanoTime();
            calls[1] = CallLoop.repeatFor(interpreter, 5_000_000, () -> { });
            elapsed[0] = System.nanoTime() - start;
        });

        assertThat(calls[0]).as("calls in no time").isEqualTo(1);
        assertThat(calls[1]).as("calls in 5 ms").isPositive();
        assertThat(elapsed[0]).as("time spent calling for 5 ms").isGreaterThanOrEqualTo(5_000_000);
        assertThat(m.stats().total().polls()).as("one poll per call").isEqualTo(calls[0] + calls[1]);
    }
}
