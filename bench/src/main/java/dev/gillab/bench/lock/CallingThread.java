package dev.gillab.bench.lock;

import dev.gillab.lock.Interpreter;
import dev.gillab.lock.ReleasedRegion;
import java.util.function.Supplier;
import org.openjdk.jmh.infra.Control;

/**
 * A JMH thread as a Python thread that calls a function in a loop ({@code while True: f()}):
 * attached for one iteration and holding the lock across its calls, checking the eval breaker
 * before each call as CPython's eval loop does at every {@code CALL}. Two such threads share
 * the lock the way two Python threads do: forced switching hands it over every switch
 * interval, in the middle of a call that polls or between two calls that do not.
 *
 * <h2>Why not take the lock per call</h2>
 * {@link AttachedThread} takes the lock in each call and drops it on return. Under the switch
 * rules that starves the other thread: every drop wakes it, which restarts its
 * switch-interval wait, and the dropper takes the lock back before the woken thread runs, so
 * the waiter's drop request rarely comes. A starved thread's JMH window then starts or ends
 * late (JMH times each thread from its first to its last operation), and the summed rate of
 * an iteration reads too high or too low: two-thread iterations of a locked countdown ranged
 * from 233 to 1159 calls per second around a one-thread rate of 585. Python threads in a loop
 * never starve like this: they do not drop the lock between calls.
 *
 * <h2>Why no deadlock</h2>
 * A thread must not wait for the lock while another waits, holding it, at JMH's barrier
 * before an iteration's tear-down. Once JMH says the measurement is over
 * ({@link Control#stopMeasurement}), the thread lets the lock go and its remaining calls of
 * the iteration (JMH's unmeasured warm-down, which lasts until every thread has finished its
 * measurement) do no work and never ask for the lock. So a thread still measuring gets the
 * lock from a thread in warm-down at once; and the last thread to finish measuring, which
 * may reach the barrier holding the lock, finds nobody waiting for it there. Until then, a
 * thread waiting for the lock always gets it: the holder is inside or between calls, and
 * polls. This relies on JMH's synchronised iterations (the default): with {@code -si false}
 * there is no warm-down, and a benchmark built on this class can deadlock.
 *
 * <pre>{@code
 * @Setup(Level.Iteration) public void attach() { thread = CallingThread.attach(interpreter); }
 * @Benchmark public Object work(Control jmh) { return thread.call(() -> f(), jmh); }
 * @TearDown(Level.Iteration) public void detach() { thread.detach(); }
 * }</pre>
 */
public final class CallingThread {

    private final Interpreter interpreter;
    /** Non-null once the measurement is over: the region the thread waits in between calls. */
    private ReleasedRegion betweenCalls;

    private CallingThread(Interpreter interpreter) {
        this.interpreter = interpreter;
        interpreter.attach();
    }

    /** Attaches the calling thread, waiting for the lock if another thread holds it. */
    public static CallingThread attach(Interpreter interpreter) {
        return new CallingThread(interpreter);
    }

    /**
     * One call of the loop: the eval breaker's check, then {@code body} holding the lock; once
     * the measurement is over, nothing (returns null) and the lock let go.
     */
    public <T> T call(Supplier<T> body, Control jmh) {
        if (jmh.stopMeasurement) {
            if (betweenCalls == null) {
                betweenCalls = interpreter.release();
            }
            return null;
        }
        interpreter.poll();
        return body.get();
    }

    /** Takes the lock back if it was let go between calls, and detaches the calling thread. */
    public void detach() {
        if (betweenCalls != null) {
            betweenCalls.close();
            betweenCalls = null;
        }
        interpreter.detach();
    }
}
