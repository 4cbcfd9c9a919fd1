package dev.gillab.fidelity;

import dev.gillab.experiment.ThreadedRun;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 6: what the lock does not hurt. Ten threads each sleep 0.2 s; they sleep with the
 * lock released, all at once, so the whole takes about 0.2 s, not 2 s. The same with ten
 * lightweight tasks.
 *
 * <p>CPython ({@code sleep.py}): ten {@code threading.Thread}s calling {@code time.sleep}, and
 * ten asyncio coroutines awaiting {@code asyncio.sleep} on one event loop. gillab: ten
 * attached platform threads calling {@link Interpreter#sleep}, and ten attached virtual threads
 * doing the same (Java's lightweight tasks; they unmount while they sleep). The figure is the
 * wall time over one sleep: about 1.
 */
public final class SleepScenario implements Scenario {

    private static final ScenarioInfo INFO = new ScenarioInfo(6, "ten sleeping threads, ten sleeping tasks",
            "wall time / one sleep");

    private static final int COUNT = 10;
    /** {@code time.sleep(0.2)}; shorter when the effort's target is (a quick test). */
    private static final double SLEEP_SECONDS = 0.2;

    @Override
    public ScenarioInfo info() {
        return INFO;
    }

    @Override
    public List<Metric> metrics() {
        return List.of(metric("threads", "sleep, 10 threads (time.sleep / interpreter.sleep)"),
                metric("coroutines", "sleep, 10 tasks (asyncio coroutines / virtual threads)"));
    }

    /** The figures are seconds; the script reports the sleep it made, and so does gillab, as the figure "sleep". */
    private static Metric metric(String name, String what) {
        return Metric.ratio(what, name, "sleep", Tolerance.RATIO);
    }

    @Override
    public Figures cpython(CPython python, Effort effort) {
        return python.run("sleep.py", "sleep", effort, List.of("--count", Integer.toString(COUNT),
                "--seconds", Double.toString(sleepSeconds(effort))));
    }

    @Override
    public Figures gillab(Effort effort) {
        double seconds = sleepSeconds(effort);
        Duration sleep = Duration.ofNanos(Math.round(seconds * 1e9));
        Figures.Builder figures = Figures.builder();
        for (int r = 0; r < effort.repeats(); r++) {
            Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
            figures.add("threads", ThreadedRun.run(interpreter, COUNT, "sleeper",
                    i -> sleep(interpreter, sleep)).wallNanos() / 1e9);
            figures.add("coroutines", virtualThreadsSeconds(Interpreter.create(LockMode.SWITCH), sleep));
            figures.add("sleep", seconds);
        }
        return figures.build();
    }

    private static double sleepSeconds(Effort effort) {
        return Math.min(SLEEP_SECONDS, effort.targetSeconds());
    }

    private static double virtualThreadsSeconds(Interpreter interpreter, Duration sleep) {
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            Runnable task = interpreter.attached(() -> sleep(interpreter, sleep));
            threads.add(Thread.ofVirtual().name("task-" + i).start(task));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the tasks slept", e);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void sleep(Interpreter interpreter, Duration d) {
        try {
            interpreter.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in sleep", e);
        }
    }
}
