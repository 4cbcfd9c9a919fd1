package dev.gillab.jcstress.visibility;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import dev.gillab.lock.ReleasedRegion;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * What a thread writes while it holds the lock is visible to the next thread that takes it.
 *
 * <p>CPython's interpreter state is plain memory that only the lock protects; the lock is what
 * makes one thread's writes visible to the next (the mutex in {@code take_gil}/{@code drop_gil}).
 * Here the writer writes {@code data} and then {@code flag}, plain fields, while holding the
 * lock, then releases it around a (here empty) native call and takes it back, the
 * {@code Py_BEGIN_ALLOW_THREADS} ... {@code Py_END_ALLOW_THREADS} of every C extension. The
 * reader does the same release and re-take and then reads {@code flag} and {@code data}.
 *
 * <p>Both writes happen in one held region and both reads in another, so the reader sees both
 * or neither. Seeing the flag without the data is a stale read: the release and the re-take
 * did not order the writer's stores before the reader's loads. The release and re-take take
 * the lock's fast path (one compare-and-set each way) whenever nobody is queued, so this is
 * also the test that the fast path keeps the happens-before edge of the slow one.
 */
@JCStressTest
@Description("A write made while holding the lock is seen by the next thread that takes it.")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "The reader read before the writer's held region.")
@Outcome(id = "1, 1", expect = ACCEPTABLE,
        desc = "The reader took the lock after the writer released it and saw both writes.")
@Outcome(id = "1, 0", expect = FORBIDDEN,
        desc = "Stale read: the reader saw the flag but not the data written before it.")
@Outcome(id = "0, 1", expect = FORBIDDEN, desc = "The reader saw half of the writer's held region.")
@State
public class Visibility_01_ReleaseAndRetake {

    private final Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
    private int data;
    private int flag;

    @Actor
    public void writer() {
        interpreter.attach();
        try {
            data = 1;
            flag = 1;
            try (ReleasedRegion _ = interpreter.release()) {
                // the native call: the lock is free for the reader here
            }
        } finally {
            interpreter.detach();
        }
    }

    @Actor
    public void reader(II_Result r) {
        interpreter.attach();
        try {
            try (ReleasedRegion _ = interpreter.release()) {
                // the native call: the writer may take the lock here
            }
            r.r1 = flag;
            r.r2 = data;
        } finally {
            interpreter.detach();
        }
    }
}
