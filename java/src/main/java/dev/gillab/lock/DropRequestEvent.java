package dev.gillab.lock;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** JFR: a waiter asked the holder to drop the lock (CPython's {@code SET_GIL_DROP_REQUEST}). */
@Name(DropRequestEvent.NAME)
@Label("Interpreter Lock Drop Request")
@Category({"gillab", "Interpreter Lock"})
@Description("A waiting simulated thread asked the holder to drop the interpreter lock")
@StackTrace(false)
public final class DropRequestEvent extends jdk.jfr.Event {

    public static final String NAME = "gillab.DropRequest";

    @Label("Mode")
    String mode;

    @Label("Simulated Thread")
    @Description("The waiter that posted the request")
    String simThread;

    @Label("Holder")
    @Description("The thread asked to drop the lock")
    String holder;

    @Label("Waited Before Request")
    @Description("How long the waiter had been waiting when it posted the request")
    @Timespan(Timespan.NANOSECONDS)
    long waited;
}
