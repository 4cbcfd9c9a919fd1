package dev.gillab.lock;

import jdk.jfr.FlightRecorder;

/**
 * The lock's JFR events, created only when they can be recorded.
 *
 * <p>JFR is checked in two steps. First {@link FlightRecorder#isInitialized()}, a volatile
 * read: until some recording has started in this JVM, no event object is created and no event
 * class is even loaded, because loading the first event class sets up JFR's machinery, which
 * costs a fifth of a second (measured: 236 ms on the first take of the lock, against under
 * 1 ms afterwards). Once JFR runs, events are created and JFR's own {@code isEnabled()} /
 * {@code shouldCommit()} decide; an event class loaded after the recording started gets that
 * recording's settings. The lock wait event is allocated on every take but never escapes, so
 * the JIT can remove it; the held event lives from take to drop and is only allocated when
 * enabled.
 */
final class JfrEvents {

    private JfrEvents() {
    }

    /** Starts timing a wait, or returns null when JFR does not run. */
    static LockWaitEvent beginWait() {
        if (!FlightRecorder.isInitialized()) {
            return null;
        }
        LockWaitEvent e = new LockWaitEvent();
        e.begin();
        return e;
    }

    static void endWait(LockWaitEvent e, LockMode mode, ThreadState ts, boolean contended) {
        if (e == null) {
            return;
        }
        e.end();
        if (e.shouldCommit()) {
            e.mode = mode.id();
            e.simThread = ts.name;
            e.contended = contended;
            e.commit();
        }
    }

    /** Starts timing a holding, or returns null when the event is not recorded. */
    static LockHeldEvent beginHeld() {
        if (!FlightRecorder.isInitialized()) {
            return null;
        }
        LockHeldEvent e = new LockHeldEvent();
        if (!e.isEnabled()) {
            return null;
        }
        e.begin();
        return e;
    }

    static void endHeld(LockHeldEvent e, LockMode mode, ThreadState ts, DropKind how) {
        if (e == null) {
            return;
        }
        e.end();
        if (e.shouldCommit()) {
            e.mode = mode.id();
            e.simThread = ts.name;
            e.drop = how.name().toLowerCase();
            e.commit();
        }
    }

    static void dropRequest(LockMode mode, ThreadState poster, ThreadState holder, long waitedNanos) {
        if (!FlightRecorder.isInitialized()) {
            return;
        }
        DropRequestEvent e = new DropRequestEvent();
        if (e.shouldCommit()) {
            e.mode = mode.id();
            e.simThread = poster.name;
            e.holder = holder.name;
            e.waited = waitedNanos;
            e.commit();
        }
    }
}
