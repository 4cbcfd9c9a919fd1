package dev.gillab.lock;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR: one thread's wait for the interpreter lock, from asking to taking (CPython's
 * {@code take_gil}). Free unless a recording enables it; set a threshold to keep only the
 * long waits.
 */
@Name(LockWaitEvent.NAME)
@Label("Interpreter Lock Wait")
@Category({"gillab", "Interpreter Lock"})
@Description("A simulated thread waited for the interpreter lock")
@StackTrace(false)
public final class LockWaitEvent extends jdk.jfr.Event {

    public static final String NAME = "gillab.LockWait";

    @Label("Mode")
    @Description("The lock's mode: switch, ticks, free or priority")
    String mode;

    @Label("Simulated Thread")
    String simThread;

    @Label("Waited")
    @Description("Whether the lock was taken when asked for (false: it was free)")
    boolean contended;
}
