package dev.gillab.lock;

import dev.gillab.kernel.EvalBreaker;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A simulated CPython interpreter, as far as threads are concerned: one interpreter lock (in
 * one of the {@link LockMode}s), the threads attached to it, their statistics and the event
 * trace. Several interpreters are independent, like PEP 684's per-interpreter locks.
 *
 * <h2>The model</h2>
 *
 * A simulated thread is a Java thread, platform or virtual. To run "interpreted" code it must
 * hold the lock; interpreted code calls {@link #poll()} (or the {@link #evalBreaker()} handed
 * to a kernel) at its loop back edges, the way CPython's eval loop checks its eval breaker, and
 * that is where the lock can be taken away from it. Native code and blocking calls run with the
 * lock released. Each thread's position is a stack of frames:
 *
 * <pre>
 *   attach()  ...interpreted...  release()  ...native...  ensure()  ...callback...
 *   [Attach: holds]              [Released: does not]     [Ensure: holds again]
 * </pre>
 *
 * The top frame says whether the thread holds the lock. Every frame closes innermost first, on
 * its own thread, exactly once; a violation raises {@link LockMisuseException} before anything
 * changes, so the lock keeps working.
 *
 * <h2>The CPython functions each operation mirrors</h2>
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>here</th><th>CPython</th></tr>
 *   <tr><td>{@link #attach()} / {@link #detach()}</td><td>thread bootstrap: new
 *       {@code PyThreadState}, {@code PyEval_AcquireThread}; at the end
 *       {@code PyThreadState_Clear} + {@code _PyThreadState_DeleteCurrent} (the final
 *       {@code drop_gil}, which never waits for a hand-off)</td></tr>
 *   <tr><td>{@link #ensure()} / {@link EnsuredRegion#close()}</td><td>{@code PyGILState_Ensure}
 *       / {@code PyGILState_Release}: for a thread the interpreter did not create (a native
 *       callback thread), or to re-take the lock inside a released region</td></tr>
 *   <tr><td>{@link #release()} / {@link ReleasedRegion#close()}</td><td>{@code Py_BEGIN_ALLOW_THREADS}
 *       / {@code Py_END_ALLOW_THREADS} ({@code PyEval_SaveThread} / {@code PyEval_RestoreThread})</td></tr>
 *   <tr><td>{@link #blocking}, {@link #sleep}</td><td>{@code time.sleep}, socket calls, lock
 *       waits: a release around the blocking system call</td></tr>
 *   <tr><td>{@link #poll()}</td><td>the eval breaker check, {@code _Py_HandlePending}</td></tr>
 *   <tr><td>{@link #setSwitchIntervalMicros}</td><td>{@code sys.setswitchinterval}</td></tr>
 *   <tr><td>{@link #setCheckInterval}</td><td>{@code sys.setcheckinterval} (CPython 2)</td></tr>
 *   <tr><td>{@link #holdsLock()}</td><td>{@code PyGILState_Check}</td></tr>
 * </table>
 *
 * <h2>Nesting</h2>
 *
 * {@code attach()} and {@code ensure()} may nest and are counted, as in CPython: each remembers
 * whether it created the thread state and whether it took the lock, and its close undoes
 * exactly that (a nested ensure on a thread that holds the lock takes nothing and gives nothing
 * back). {@code release()} never nests: inside a released region the thread does not hold the
 * lock, so a second release is a misuse; interpreted work inside the region goes through
 * {@code ensure()}, inside which a release is allowed again.
 *
 * <h2>A thread that ends holding the lock</h2>
 *
 * A thread gives back everything it holds when it ends, as CPython's thread bootstrap makes
 * sure ({@code Modules/_threadmodule.c}: {@code PyThreadState_Clear},
 * {@code _PyThreadState_DeleteCurrent}). {@link #attached} closes what its body left open on
 * the way out (a misuse, reported, never hiding the body's own exception). A thread that
 * called {@link #attach()} or {@link #ensure()} by hand and ended without closing keeps the
 * lock only until a waiter notices: waiting threads check, each time a wait runs out, whether
 * the holder's thread is still alive, and release the lock on its behalf if it is not
 * ({@link CondvarGil}; {@link LockStats.Counts#diedHolding()} counts it).
 *
 * <h2>Interrupts</h2>
 *
 * A thread interrupted while waiting for the lock keeps waiting (CPython's threads cannot be
 * interrupted there either); its interrupt status is set again once it holds the lock, so the
 * next interruptible call, typically a {@link #blocking} one, sees it. See {@link CondvarGil}.
 *
 * <h2>Virtual threads</h2>
 *
 * Waiting for the lock unmounts a virtual thread (the lock is built on
 * {@code java.util.concurrent} conditions). A native call made by a virtual thread pins its
 * carrier for the whole call whatever the lock does, and virtual threads are not time-sliced.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * Interpreter interpreter = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH).withTrace(true));
 * Thread.ofPlatform().start(interpreter.attached(() -> {
 *     Kernels interpreted = new HoldingKernels(interpreter,
 *             new JavaKernels(interpreter.evalBreaker(), TicksPerPoll.EVERY_TICK));
 *     Kernels extension = new ReleasingKernels(interpreter, nativeKernels);
 *     interpreted.countdown(1_000_000);          // holds the lock, polls it
 *     byte[] digest = extension.sha256(data);    // releases it around the call
 *     interpreter.sleep(Duration.ofMillis(1));   // releases it while blocked
 * }));
 * }</pre>
 */
public final class Interpreter {

    private final InterpreterConfig config;
    private final ThreadRegistry threads = new ThreadRegistry();
    private final Trace trace;
    private final Gil gil;

    private Interpreter(InterpreterConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.trace = new Trace(config.trace(), config.traceCapacity(),
                "gillab interpreter (" + config.mode().id() + " lock)");
        this.gil = Gil.create(config, threads, trace);
    }

    /** An interpreter with this configuration. */
    public static Interpreter create(InterpreterConfig config) {
        return new Interpreter(config);
    }

    /** An interpreter with this mode and the default settings. */
    public static Interpreter create(LockMode mode) {
        return new Interpreter(InterpreterConfig.of(mode));
    }

    /** The configuration it was created with (the intervals may have been changed since). */
    public InterpreterConfig config() {
        return config;
    }

    public LockMode mode() {
        return config.mode();
    }

    // -------------------------------------------------------------------------------------------
    // Entering and leaving

    /**
     * The calling thread enters the interpreter and takes the lock (thread start). On a thread
     * already attached, a nested attach: counted, and taking the lock only if the thread is
     * inside a released region. Pair with {@link #detach()}.
     */
    public void attach() {
        enter(true);
    }

    /**
     * The calling thread leaves what its innermost {@link #attach()} entered: at the outermost
     * level it drops the lock for the last time and stops being attached (thread end).
     *
     * @throws LockMisuseException if the thread is not attached, or an inner region is still open
     */
    public void detach() {
        ThreadState ts = threads.current();
        if (ts == null) {
            throw new LockMisuseException("detach() by thread '" + ThreadStats.displayName(Thread.currentThread())
                    + "', which is not attached to this interpreter: detach() must pair with an "
                    + "attach() on the same thread");
        }
        if (!(ts.topEntry() instanceof Frame.Attach attach)) {
            throw new LockMisuseException("detach() on thread " + ts + " while its " + ts.describeTop()
                    + " is still open: close it first (frames close innermost first)");
        }
        exit(attach);
    }

    /**
     * {@code PyGILState_Ensure}: makes sure the calling thread holds the lock, whatever it was
     * doing: a thread unknown to the interpreter (a native callback thread) is attached for the
     * region's duration; a thread inside a released region takes the lock back; a thread that
     * holds it already only counts the nesting. Close the region to undo exactly that.
     */
    public EnsuredRegion ensure() {
        return (EnsuredRegion) enter(false);
    }

    /**
     * A runnable that runs {@code body} attached: {@code attach()}, body, {@code detach()} (also on
     * exceptions). Regions the body leaves open are closed on the way out, innermost first, so
     * the thread always gives back what it holds; leaving one open is a misuse all the same: a
     * {@link LockMisuseException} is thrown after the detach, or, when the body threw, added to
     * the body's exception as suppressed, the body's exception staying the one thrown.
     */
    public Runnable attached(Runnable body) {
        Objects.requireNonNull(body, "body");
        return () -> {
            Frame.Entry frame = enter(true);
            Throwable failure = null;
            try {
                body.run();
            } catch (Throwable t) {
                failure = t;
                throw t;
            } finally {
                leaveAttached(frame, failure);
            }
        };
    }

    /** The end of an {@link #attached} body: detaches, first closing what the body left open (see there). */
    private void leaveAttached(Frame.Entry frame, Throwable failure) {
        ThreadState ts = frame.owner;
        LockMisuseException misuse;
        if (frame.closed) {
            misuse = new LockMisuseException("the attach() of attached(...) on thread " + ts + " was closed by its "
                    + "body (a detach() too many): the body must leave it to attached(...)");
        } else if (ts.depth == frame.depth) {
            exit(frame);
            return;
        } else {
            misuse = new LockMisuseException("attached(...) on thread " + ts + " ended with its " + ts.describeTop()
                    + " still open: closed on the way out, innermost first, and the thread detached; close every "
                    + "region the body opens (try-with-resources)");
            while (ts.depth > frame.depth) {
                closeTop(ts);
            }
            exit(frame);
        }
        if (failure == null) {
            throw misuse;
        }
        failure.addSuppressed(misuse);
    }

    /** Closes the top frame of {@code ts}, whatever it is, as its own close would. Owner only. */
    private void closeTop(ThreadState ts) {
        Frame.Entry entry = ts.topEntry();
        if (entry != null) {
            exit(entry);
        } else {
            boolean blocking = ts.topRegionBlocking;
            ts.topRegionBlocking = false; // a region below this one, if any, is not known to be blocking
            retake(ts, blocking);
        }
    }

    private Frame.Entry enter(boolean attach) {
        ThreadState ts = threads.current();
        boolean created = ts == null;
        if (created) {
            ts = threads.register();
        }
        boolean take = !ts.holding;
        int depth = ts.depth + 1;
        Frame.Entry frame = attach
                ? new Frame.Attach(this, ts, depth, take, created)
                : new EnsuredRegion(this, ts, depth, take, created);
        ts.entries.push(frame);
        ts.depth = depth;
        if (take) {
            gil.take(ts);
        }
        return frame;
    }

    void closeEnsured(EnsuredRegion region) {
        checkClosable(region);
        exit(region);
    }

    /** Closes an attach or ensure frame: gives back what opening it took. */
    private void exit(Frame.Entry frame) {
        ThreadState ts = frame.owner;
        frame.closed = true;
        ts.entries.pop();
        ts.depth--;
        if (frame.createdState) {
            gil.drop(ts, DropKind.FINAL);
            threads.unregister(ts);
        } else if (frame.tookLock) {
            gil.drop(ts, DropKind.VOLUNTARY);
        }
    }

    // -------------------------------------------------------------------------------------------
    // Running interpreted code

    /**
     * The eval-breaker check: call it at loop back edges of interpreted code. Returns at once
     * unless the lock must be given up (a drop request, the tick counter), in which case it
     * drops the lock, lets another thread run and takes it back. Costs about one volatile read
     * when nobody waits.
     *
     * @throws LockMisuseException if the calling thread does not hold the lock
     */
    public void poll() {
        gil.poll();
    }

    /**
     * The {@link #poll()} of this interpreter as a kernel's {@link EvalBreaker}. Any attached
     * thread may use it; each poll applies to the calling thread.
     */
    public EvalBreaker evalBreaker() {
        return gil;
    }

    /** {@code PyGILState_Check}: whether the calling thread holds the lock (in free mode: is in a holding state). */
    public boolean holdsLock() {
        return gil.callerIfHolding() != null;
    }

    /**
     * {@code sys._is_gil_enabled()}: whether the lock excludes anybody. True in every mode but
     * {@link LockMode#FREE}, where it is false until an undeclared extension is loaded
     * ({@link #load}), or true from the start with {@link PythonGil#ON}.
     */
    public boolean isGilEnabled() {
        return gil.isEnabled();
    }

    /** Whether the calling thread is attached (by {@code attach()} or {@code ensure()}). */
    public boolean isAttached() {
        return threads.current() != null;
    }

    /**
     * Throws unless the calling thread holds the lock: the guard of code that touches
     * interpreter state (see {@link HoldingKernels}).
     *
     * @param operation what needs the lock, for the message
     * @throws LockMisuseException if the calling thread does not hold the lock
     */
    public void checkHolding(String operation) {
        if (gil.callerIfHolding() == null) {
            throw threads.notHolding(operation);
        }
    }

    /** Whether a drop request is pending for the calling thread: its next {@link #poll()} will drop the lock. */
    public boolean dropRequested() {
        ThreadState ts = threads.current();
        return ts != null && ts.dropRequest;
    }

    // -------------------------------------------------------------------------------------------
    // Loading extensions

    /**
     * Loads an extension module into this interpreter ({@code import}). In a {@link LockMode#FREE}
     * interpreter, an extension that has not declared itself safe without the lock
     * ({@link Extension#undeclared}) turns the lock on for every thread, for good, as importing
     * such a module does in free-threaded CPython: the threads running at that moment are stopped
     * at their next poll and go on under the {@link LockMode#SWITCH} lock; a warning naming the
     * extension is logged ({@code System.Logger} "dev.gillab.lock", level WARNING, CPython's
     * {@code RuntimeWarning} text, once per extension name and JVM as Python's default warning
     * filter shows it once), and the statistics ({@link LockStats#gilEnabled()}) and the
     * trace ({@link TraceEvent.Kind#GIL_ENABLED}) record when. {@link PythonGil#OFF} keeps the
     * lock off. In every other case loading changes nothing.
     *
     * @return whether this call turned the lock on
     * @throws LockMisuseException if the calling thread does not hold the lock (an import runs
     *                             interpreted code)
     */
    public boolean load(Extension extension) {
        Objects.requireNonNull(extension, "extension");
        ThreadState ts = gil.callerIfHolding();
        if (ts == null) {
            throw threads.notHolding("load(" + extension.name() + ")");
        }
        return gil.onLoad(ts, extension);
    }

    // -------------------------------------------------------------------------------------------
    // Releasing

    /**
     * {@code Py_BEGIN_ALLOW_THREADS}: gives the lock up until the returned region is closed
     * ({@code Py_END_ALLOW_THREADS}); use it in try-with-resources. If a drop request is pending,
     * this hands the lock over first (forced switching).
     *
     * @throws LockMisuseException if the calling thread does not hold the lock (not attached, or
     *                             already inside a released region: releases never nest)
     */
    public ReleasedRegion release() {
        return openRegion(false, "release()");
    }

    /** Runs {@code call} with the lock released and returns its result; the lock is taken back on every path. */
    public <T, X extends Exception> T callReleased(ReleasedCall<T, X> call) throws X {
        try (ReleasedRegion _ = openRegion(false, "callReleased()")) {
            return call.call();
        }
    }

    /** Runs {@code body} with the lock released; the lock is taken back on every path. */
    public void runReleased(Runnable body) {
        try (ReleasedRegion _ = openRegion(false, "runReleased()")) {
            body.run();
        }
    }

    /**
     * Runs a blocking call (a sleep, a queue take, a lock wait, a socket read) with the lock
     * released, as CPython does around every blocking system call, and returns its result. The
     * lock is taken back on every path, an {@link InterruptedException} included: the caller
     * holds the lock again when it catches it. Traced as a blocking call.
     */
    public <T, X extends Exception> T blocking(ReleasedCall<T, X> call) throws X {
        try (ReleasedRegion _ = openRegion(true, "blocking()")) {
            return call.call();
        }
    }

    /** {@code time.sleep}: sleeps with the lock released. */
    public void sleep(Duration duration) throws InterruptedException {
        blocking(() -> {
            Thread.sleep(duration);
            return null;
        });
    }

    private ReleasedRegion openRegion(boolean blocking, String operation) {
        ThreadState ts = gil.callerIfHolding();
        if (ts == null) {
            throw cannotRelease(operation);
        }
        ReleasedRegion region = new ReleasedRegion(this, ts, ts.depth + 1, blocking);
        ts.depth = region.depth;
        ts.topRegionBlocking = blocking;
        ts.stats.add(blocking ? Counter.BLOCKING_CALLS : Counter.RELEASED_REGIONS, 1);
        gil.drop(ts, DropKind.VOLUNTARY);
        if (blocking) {
            gil.traceEvent(TraceEvent.Kind.BLOCKING_BEGIN, ts);
        }
        return region;
    }

    /** Why the calling thread, which does not hold the lock, cannot release it. */
    private LockMisuseException cannotRelease(String operation) {
        ThreadState ts = threads.current();
        if (ts == null) {
            return threads.notHolding(operation);
        }
        return new LockMisuseException(operation + " on thread " + ts + ", which is already inside a "
                + ts.describeTop() + ": releases never nest (Py_BEGIN_ALLOW_THREADS ... "
                + "Py_END_ALLOW_THREADS, one at a time); the lock is already released here");
    }

    void closeReleased(ReleasedRegion region) {
        checkClosable(region);
        region.closed = true;
        retake(region.owner, region.blocking);
    }

    /** Leaves the released region on top of {@code ts}: takes the lock back. */
    private void retake(ThreadState ts, boolean blocking) {
        ts.depth--;
        if (blocking) {
            gil.traceEvent(TraceEvent.Kind.BLOCKING_END, ts);
        }
        gil.take(ts);
    }

    /** The three rules of closing a frame: its own thread, once, innermost first. */
    private static void checkClosable(Frame frame) {
        ThreadState owner = frame.owner;
        if (!owner.isCurrent()) {
            throw new LockMisuseException("the " + frame.describe() + " opened by thread " + owner
                    + " cannot be closed by thread '" + ThreadStats.displayName(Thread.currentThread())
                    + "': a region is closed on the thread that opened it");
        }
        if (frame.closed) {
            throw new LockMisuseException("the " + frame.describe() + " of thread " + owner
                    + " is already closed: close each region exactly once");
        }
        if (owner.depth != frame.depth) {
            throw new LockMisuseException("the " + frame.describe() + " of thread " + owner
                    + " cannot be closed while the " + owner.describeTop() + " opened inside it is still open: "
                    + "close the innermost region first");
        }
    }

    // -------------------------------------------------------------------------------------------
    // Tuning

    /** {@code sys.getswitchinterval}, in microseconds. */
    public long switchIntervalMicros() {
        return gil.switchIntervalMicros;
    }

    /**
     * {@code sys.setswitchinterval}, in microseconds; values below 1 become 1, as in CPython.
     * Takes effect at each waiter's next timed wait. Used by the switch and priority modes.
     */
    public void setSwitchIntervalMicros(long micros) {
        gil.setSwitchIntervalMicros(Math.max(1, micros));
    }

    /** {@code sys.getcheckinterval}: polls between forced releases in ticks mode. */
    public int checkInterval() {
        return gil.checkInterval;
    }

    /** {@code sys.setcheckinterval}; takes effect at the next reset of the tick counter. Used by ticks mode. */
    public void setCheckInterval(int polls) {
        if (polls < 1) {
            throw new IllegalArgumentException("check interval must be >= 1, got " + polls);
        }
        gil.setCheckInterval(polls);
    }

    // -------------------------------------------------------------------------------------------
    // Observing

    /** An immutable snapshot of the statistics, per lock and per thread. */
    public LockStats stats() {
        List<ThreadStats> all = threads.allStats();
        return LockStats.of(config.mode(), gil.switchIntervalMicros, gil.checkInterval, gil.gilEnabled(), all);
    }

    /** Starts the statistics from zero (counters, times and histograms of every thread). */
    public void resetStats() {
        threads.allStats().forEach(ThreadStats::reset);
    }

    /** The event trace (empty and free unless the configuration turned it on). */
    public Trace trace() {
        return trace;
    }

    /**
     * {@code switch_number}: acquisitions that changed the holder, since the start (not reset by {@link #resetStats}).
     */
    public long switchNumber() {
        return gil.switchNumber();
    }

    /** Threads waiting for the lock at this moment. */
    public int waiters() {
        return gil.waiters();
    }

    /** The lock's state in one line: holder, last holder, switch number, waiters, intervals. */
    @Override
    public String toString() {
        return gil.describe();
    }
}
