package dev.gillab.lock;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR: one stretch of holding the interpreter lock, from taking it to dropping it. */
@Name(LockHeldEvent.NAME)
@Label("Interpreter Lock Held")
@Category({"gillab", "Interpreter Lock"})
@Description("A simulated thread held the interpreter lock")
@StackTrace(false)
public final class LockHeldEvent extends jdk.jfr.Event {

    public static final String NAME = "gillab.LockHeld";

    @Label("Mode")
    String mode;

    @Label("Simulated Thread")
    String simThread;

    @Label("Drop")
    @Description("How it ended: voluntary, forced or final")
    String drop;
}
