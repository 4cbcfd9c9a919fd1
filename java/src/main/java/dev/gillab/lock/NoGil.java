package dev.gillab.lock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Free-threaded CPython (PEP 703; experimental in 3.13, supported in 3.14 per PEP 779): no
 * interpreter lock, until an extension brings it back.
 *
 * <h2>Free</h2>
 *
 * Objects protect themselves (biased reference counting, per-object mutexes, "critical
 * sections"), so any number of threads run interpreted code at once. Here: taking and dropping
 * never wait and exclude nobody; a poll only checks that the caller is in a holding state
 * (attached, not inside a released region: the API's rules stay the same, as they do in the
 * free-threaded build, where {@code Py_BEGIN_ALLOW_THREADS} still detaches the thread state) and
 * counts. The statistics and the trace still record every acquisition and release, so a free run
 * can be compared with a locked one event for event.
 *
 * <h2>The lock that comes back</h2>
 *
 * The free-threaded build keeps the lock, switched off ({@code gil->enabled} in
 * {@code Python/ceval_gil.c}). Importing an extension module that has not declared
 * {@code Py_mod_gil = Py_MOD_GIL_NOT_USED} turns it on for good, with a {@code RuntimeWarning}
 * ({@code _PyImport_CheckGILForModule} in {@code Python/import.c} calls
 * {@code _PyEval_EnableGILPermanent}), unless {@code PYTHON_GIL=0}; {@code PYTHON_GIL=1} turns it
 * on at start-up ({@link PythonGil}). From then on the interpreter runs as the default build
 * does: here, under the switch lock ({@link SwitchGil}), a second lock object created with this
 * one and sharing its threads, trace and clock, to which every take, drop and poll is handed.
 *
 * <p>Turning it on while threads run is the hard part: a thread that runs interpreted code
 * without the lock must stop doing so before anyone relies on the lock excluding it. CPython
 * stops the world ({@code _PyEval_EnableGILTransient} around {@code _PyEval_StopTheWorldAll},
 * {@code Python/pystate.c}), and so does this class, in {@link #enable}, through {@link #phase}:
 * <ol>
 *   <li>The loading thread gives up its own free holding.</li>
 *   <li>{@code FREE -> STOPPING}. From now on a thread that tries to hold freely backs off and
 *       waits ({@link #acquire}), and a thread that holds freely drops at its next poll (a forced
 *       drop, as for a drop request) and waits too.</li>
 *   <li>The loader waits until no attached thread holds freely.</li>
 *   <li>{@code STOPPING -> LOCKED}, and the waiters are woken: every thread, the loader included,
 *       now takes the switch lock like any other.</li>
 * </ol>
 * Steps 2 and 3 are a handshake. A thread about to hold freely writes its {@code holding} flag
 * with a full fence and then reads the phase ({@link #tryAcquireFast}); the loader writes the
 * phase and then reads every attached thread's flag. With sequentially consistent volatile
 * accesses, either the thread sees {@code STOPPING} and backs off, or the loader sees it holding
 * and waits for it: never neither (Dekker's pattern). A thread that attaches during the stop
 * is ordered by the registry's monitor: if the loader's snapshot missed it, it registered after
 * the snapshot and so sees the new phase. A thread waits for the lock as in any mode, so a
 * thread stuck holding freely without polling (a long native call made without releasing)
 * delays the switch until it returns, as such a call delays CPython's stop-the-world.
 *
 * <h2>Cost</h2>
 *
 * The bookkeeping of every take/drop pair (a few counter writes; holdings are timed on a sample,
 * as uncontended ones are in every mode; see {@code ThreadStats}); the fence of the handshake on
 * each free take (CPython's free-threaded attach is a compare-and-set of the thread state, for
 * the same reason: {@code tstate_try_attach}); and, per poll, one volatile read of the phase and
 * finding the calling thread's state: one slot of a small cache ({@link ThreadRegistry#current()}).
 */
final class NoGil extends Gil {

    private static final VarHandle PHASE;

    static {
        try {
            PHASE = MethodHandles.lookup().findVarHandle(NoGil.class, "phase", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@link #phase}: no lock; threads hold freely. */
    private static final int FREE = 0;
    /** {@link #phase}: the world is stopping; no new free holding, holders drop at their next poll. */
    private static final int STOPPING = 1;
    /** {@link #phase}: the lock is on for good; everything goes to {@link #lock}. */
    private static final int LOCKED = 2;

    /** How long the loader spins before it parks, and parks between checks, while the world stops. */
    private static final int STOP_SPINS = 1_000;
    private static final long STOP_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    private static final System.Logger LOG = System.getLogger(NoGil.class.getPackageName());
    /**
     * The extensions warned about in this JVM: each warning is logged once per name, as Python's
     * default warning filter shows a {@code RuntimeWarning} once per distinct message.
     */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final PythonGil setting;
    /** The lock that comes back: the default build's lock, idle until {@link #phase} is {@code LOCKED}. */
    private final SwitchGil lock;
    /** Counted down once, when {@link #phase} becomes {@code LOCKED}: what threads waiting for the stop wait on. */
    private final CountDownLatch lockOn = new CountDownLatch(1);
    /** {@code FREE}, {@code STOPPING} or {@code LOCKED}; only ever moves forward. */
    private volatile int phase;
    /** When and why the lock came on; written before {@link #phase} becomes {@code LOCKED}. */
    private GilEnabled enabled;

    NoGil(InterpreterConfig config, ThreadRegistry threads, Trace trace) {
        super(LockMode.FREE, config, threads, trace);
        this.setting = config.pythonGil();
        this.lock = new SwitchGil(LockMode.SWITCH, config, threads, trace);
        if (setting == PythonGil.ON) {
            phase = LOCKED;
            lockOn.countDown();
        }
    }

    // ---------------------------------------------------------------------------------------
    // Take and drop

    /** Free: announce the holding and check that nobody is stopping the world. Locked: the switch lock's fast path. */
    @Override
    boolean tryAcquireFast(ThreadState ts) {
        if (phase == FREE) {
            ts.announceHolding();
            if (phase == FREE) {
                ts.heldFreely = true;
                return true;
            }
            ts.stopHolding(); // the world is stopping: back off, and wait in acquire()
        }
        return phase == LOCKED && lock.tryAcquireFast(ts);
    }

    /** Reached only once the phase has left {@code FREE}: wait for the lock to be on, then take it. */
    @Override
    boolean acquire(ThreadState ts) {
        boolean waited = awaitLockOn(ts);
        return lock.acquire(ts) || waited;
    }

    @Override
    void release(ThreadState ts, DropKind how) {
        if (ts.heldFreely) {
            ts.heldFreely = false; // nothing to give back; stopHolding() already told a stopping loader
        } else {
            lock.release(ts, how);
        }
    }

    /** Waits, without being interruptible, until the lock is on; returns whether it had to wait. */
    private boolean awaitLockOn(ThreadState ts) {
        if (lockOn.getCount() == 0) {
            return false;
        }
        while (true) {
            try {
                lockOn.await();
                return true;
            } catch (InterruptedException e) {
                noteInterrupt(ts); // re-asserted once the lock is taken, as in every mode
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // The eval breaker

    @Override
    public void poll() {
        if (phase == LOCKED) {
            lock.poll();
            return;
        }
        ThreadState ts = freeCaller();
        if (ts == null) {
            throw threads.notHolding("poll()");
        }
        ts.stats.countPoll();
        if (phase != FREE) { // the world is stopping: drop, wait for the lock, take it
            drop(ts, DropKind.FORCED);
            take(ts);
        }
    }

    @Override
    ThreadState callerIfHolding() {
        return phase == LOCKED ? lock.callerIfHolding() : freeCaller();
    }

    /** No single holder to look at: the calling thread's own state, if it is in a holding state. */
    private ThreadState freeCaller() {
        ThreadState ts = threads.current();
        return ts != null && ts.holding ? ts : null;
    }

    // ---------------------------------------------------------------------------------------
    // The lock coming back

    @Override
    boolean isEnabled() {
        return phase == LOCKED;
    }

    @Override
    GilEnabled gilEnabled() {
        return phase == LOCKED ? enabled : null;
    }

    /** An undeclared extension turns the lock on, unless {@code PYTHON_GIL=0} or it is on already. */
    @Override
    boolean onLoad(ThreadState loader, Extension extension) {
        if (extension.gilNotUsed() || setting == PythonGil.OFF || phase == LOCKED) {
            return false;
        }
        return enable(loader, extension.name());
    }

    /**
     * Stops the world and turns the lock on (the steps of the class comment). {@code loader}
     * holds, freely; it holds the switch lock on return. Returns false if another loader got
     * there first (this one then just waits for it).
     */
    private boolean enable(ThreadState loader, String extension) {
        drop(loader, DropKind.VOLUNTARY);
        boolean mine = PHASE.compareAndSet(this, FREE, STOPPING);
        if (mine) {
            for (ThreadState ts : threads.attached()) {
                awaitNotHoldingFreely(ts);
            }
            enabled = new GilEnabled(now(), extension, loader.name, GilEnabled.warningFor(extension));
            phase = LOCKED;
            lockOn.countDown();
            traceEvent(TraceEvent.Kind.GIL_ENABLED, loader);
            if (WARNED.add(extension)) {
                LOG.log(System.Logger.Level.WARNING, "RuntimeWarning: " + enabled.warning());
            }
        }
        take(loader);
        return mine;
    }

    /**
     * Step 3: returns once {@code ts} does not hold freely (it polls, drops and waits; or it was
     * released already), or once its thread has ended: a dead thread runs nothing, and waiting
     * for it would stop the world for ever.
     */
    private static void awaitNotHoldingFreely(ThreadState ts) {
        for (int spins = 0; ts.holding && ts.thread.isAlive(); spins++) {
            if (spins < STOP_SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(STOP_PARK_NANOS);
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Tuning and diagnostics: the lock that may come back gets the same settings.

    @Override
    void setSwitchIntervalMicros(long micros) {
        super.setSwitchIntervalMicros(micros);
        lock.setSwitchIntervalMicros(micros);
    }

    @Override
    void setCheckInterval(int polls) {
        super.setCheckInterval(polls);
        lock.setCheckInterval(polls);
    }

    @Override
    long switchNumber() {
        return lock.switchNumber();
    }

    @Override
    int waiters() {
        return lock.waiters();
    }

    @Override
    String describe() {
        return switch (phase) {
            case LOCKED -> "free-threaded, lock enabled (" + (enabled == null ? setting.label()
                    : "by loading '" + enabled.extension() + "'") + "): " + lock.describe();
            case STOPPING -> "free-threaded: stopping the world to enable the lock";
            default -> "free-threaded: no lock (PYTHON_GIL " + setting.label() + "), interval "
                    + switchIntervalMicros + " us, check interval " + checkInterval;
        };
    }
}
