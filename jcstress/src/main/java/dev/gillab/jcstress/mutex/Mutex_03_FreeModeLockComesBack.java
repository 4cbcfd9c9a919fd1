package dev.gillab.jcstress.mutex;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.gillab.lock.Extension;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Mutual exclusion across the live switch of a free-threaded interpreter to a real lock
 * (an undeclared extension loaded while other threads run: {@link Interpreter#load}).
 *
 * <p>A worker attaches to a free interpreter, polls, and increments a plain shared counter if
 * it sees the lock enabled (0 otherwise: free code may race, and is not counted), then polls
 * again; a loader attaches, loads an undeclared extension, which stops the world and turns the
 * lock on, and increments the counter too. The worker may be anywhere when the world stops: not
 * yet attached, holding freely (it drops at its next poll and waits), or gone.
 *
 * <p>Every increment made with the lock enabled must run alone, so the two results are 1 and 2
 * when both counted. "1, 1" means both were in the held region at once: the worker still
 * running freely after the lock came on, or two holders of the lock. (Two actors: jcstress runs
 * no more actors than there are cores, and CI has two.)
 */
@JCStressTest
@Description("Free mode whose lock comes back: once it is on, held regions never overlap.")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "The worker ran while free; the loader counted alone.")
@Outcome(id = {"1, 2", "2, 1"}, expect = ACCEPTABLE,
        desc = "The worker went on under the lock (stopped at its poll, or attached later), one "
                + "at a time with the loader.")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "Both counted from 0: in the held region at once after the switch.")
@Outcome(expect = FORBIDDEN, desc = "Anything else is impossible.")
@State
public class Mutex_03_FreeModeLockComesBack {

    private final Interpreter interpreter = Interpreter.create(LockMode.FREE);
    private int count;

    @Actor
    public void worker(II_Result r) {
        r.r1 = countIfLocked();
    }

    @Actor
    public void loader(II_Result r) {
        interpreter.attach();
        try {
            interpreter.load(Extension.undeclared("legacy"));
            r.r2 = ++count;
        } finally {
            interpreter.detach();
        }
    }

    /**
     * A thread that sees the lock enabled while it holds holds the real lock: the lock comes on
     * only once no thread holds freely.
     */
    private int countIfLocked() {
        interpreter.attach();
        try {
            interpreter.poll();
            int value = interpreter.isGilEnabled() ? ++count : 0;
            interpreter.poll();
            return value;
        } finally {
            interpreter.detach();
        }
    }
}
