package dev.gillab.lock;

import dev.gillab.kernel.EvalBreaker;

/**
 * The interpreter lock, as every mode sees it: what happens around taking and dropping it,
 * whatever the rules.
 *
 * <h2>What is shared, and why</h2>
 *
 * CPython funnels every way of getting the lock through {@code take_gil} and every way of
 * giving it up through {@code drop_gil}; only the inside of those two functions changed between
 * the old lock, the new lock and the free-threaded build. This class is that funnel:
 * {@link #take} and {@link #drop} keep the books (per-thread counters, held and waited time,
 * the wait-time histogram, the event trace, the JFR events) and call the mode's rules,
 * {@link #acquire} and {@link #release}, in between. The third entry point is the eval breaker,
 * {@link #poll()}, whose fast path each mode writes itself because that is where the modes
 * differ most: a volatile read of the holder's drop-request bit (switch, priority), a tick
 * counter (ticks), nothing but a count (free).
 *
 * <h2>Time</h2>
 *
 * Timestamps are {@link System#nanoTime()} minus the interpreter's start. A drop is stamped
 * before the lock is actually given up and a take after it was actually taken, so in the trace
 * one thread's "holding" slice ends before the next one's begins.
 *
 * <h2>Observability cost</h2>
 *
 * Counters are single-writer opaque slots ({@link ThreadStats}): a plain load and store each.
 * The trace costs one check of a final boolean when off. JFR events cost one volatile read
 * until JFR runs, and a check after ({@link JfrEvents}). The clock is the expensive part: a
 * {@code System.nanoTime()} costs 20-30 ns on a virtual machine, several times a whole
 * uncontended release and re-take. So the clock is read only where it measures something:
 * <ul>
 *   <li>A take that goes through the mode's slow path ({@link #acquire}: somebody else holds
 *       the lock, is queued for it, or held it last) is timed exactly, from asking to getting,
 *       and so is the holding that follows.</li>
 *   <li>A take on the fast path ({@link #tryAcquireFast}: one CAS) waited for nothing; its wait
 *       is recorded as zero without reading the clock. The holding it starts is timed only on
 *       a random one in {@value ThreadStats#HOLDING_SAMPLING} of them (and always while
 *       tracing); {@link ThreadStats} estimates the others' total from those samples.</li>
 * </ul>
 * Every count stays exact; only the held time of uncontended holdings is an estimate.
 */
abstract sealed class Gil implements EvalBreaker permits CondvarGil, NoGil {

    final LockMode mode;
    final ThreadRegistry threads;
    private final Trace trace;
    /** A copy of {@code trace.enabled()} that the JIT folds into the branch. */
    private final boolean tracing;
    /** {@link System#nanoTime()} when the interpreter was created: the trace's time zero ({@link Trace#epochNanos}). */
    private final long epochNanos;

    /** The switch interval in microseconds, >= 1 ({@code gil->interval}); read at every timed wait. */
    volatile long switchIntervalMicros;
    /** Polls between forced releases, >= 1 ({@code _Py_CheckInterval}); read when the ticker expires. */
    volatile int checkInterval;

    Gil(LockMode mode, InterpreterConfig config, ThreadRegistry threads, Trace trace) {
        this.mode = mode;
        this.threads = threads;
        this.trace = trace;
        this.tracing = trace.enabled();
        this.epochNanos = trace.epochNanos;
        this.switchIntervalMicros = config.switchIntervalMicros();
        this.checkInterval = config.checkInterval();
    }

    /** The lock for {@code config.mode()}. */
    static Gil create(InterpreterConfig config, ThreadRegistry threads, Trace trace) {
        return switch (config.mode()) {
            case SWITCH -> new SwitchGil(LockMode.SWITCH, config, threads, trace);
            case PRIORITY -> new PriorityGil(config, threads, trace);
            case TICKS -> new TicksGil(config, threads, trace);
            case FREE -> new NoGil(config, threads, trace);
        };
    }

    /** Nanoseconds since the interpreter started. */
    final long now() {
        return System.nanoTime() - epochNanos;
    }

    /** {@code sys.setswitchinterval}: read at every later timed wait. */
    void setSwitchIntervalMicros(long micros) {
        switchIntervalMicros = micros;
    }

    /** {@code sys.setcheckinterval}: read at the next reset of the tick counter. */
    void setCheckInterval(int polls) {
        checkInterval = polls;
    }

    final boolean tracing() {
        return tracing;
    }

    /** The trace the books are kept in (also the clock's time zero). */
    final Trace trace() {
        return trace;
    }

    /** Records a trace event when tracing is on. */
    final void traceEvent(TraceEvent.Kind kind, ThreadState actor) {
        if (tracing) {
            trace.record(now(), kind, actor, null, null);
        }
    }

    // ---------------------------------------------------------------------------------------
    // The funnel: take and drop, with the books kept around the mode's rules.

    /**
     * {@code take_gil}: blocks until {@code ts} holds the lock. Waiting cannot be interrupted;
     * an interrupt that arrives meanwhile is re-asserted on return. Owner thread only; the
     * caller has checked that it does not hold the lock already.
     */
    final void take(ThreadState ts) {
        LockWaitEvent waitEvent = JfrEvents.beginWait();
        ThreadStats s = ts.stats;
        boolean waited;
        if (tryAcquireFast(ts)) {
            waited = false;
            s.add(Counter.UNCONTENDED_ACQUISITIONS, 1);
            if (tracing) {
                long at = now();
                trace.record(at, TraceEvent.Kind.REQUEST, ts, null, null);
                trace.record(at, TraceEvent.Kind.ACQUIRED, ts, null, null);
                ts.startHolding(at, false);
            } else if (s.sampleHolding()) {
                ts.startHolding(now(), true);
            } else {
                ts.startHolding(ThreadStats.UNTIMED, false);
            }
        } else {
            long requested = now();
            ts.requestedAt = requested;
            if (tracing) {
                trace.record(requested, TraceEvent.Kind.REQUEST, ts, null, null);
            }
            waited = acquire(ts);
            long acquired = now();
            s.add(Counter.SLOW_ACQUISITIONS, 1);
            s.add(Counter.WAITED_NANOS, acquired - requested);
            s.recordWait(acquired - requested);
            if (tracing) {
                trace.record(acquired, TraceEvent.Kind.ACQUIRED, ts, null, null);
            }
            ts.startHolding(acquired, false);
        }
        JfrEvents.endWait(waitEvent, mode, ts, waited);
        ts.heldEvent = JfrEvents.beginHeld();
    }

    /** {@code drop_gil}: gives the lock up. Owner thread only; the caller has checked that it holds the lock. */
    final void drop(ThreadState ts, DropKind how) {
        recordDrop(ts, how);
        release(ts, how);
    }

    /**
     * The books of a thread that ended holding the lock, kept by the thread that found it dead
     * and is about to release the lock on its behalf: a final drop, counted on the dead thread
     * with {@link Counter#DIED_HOLDING}, and the thread state forgotten, as CPython's thread
     * bootstrap clears and deletes the state of a thread that ends ({@code PyThreadState_Clear},
     * {@code _PyThreadState_DeleteCurrent} in {@code Modules/_threadmodule.c}). Writing the dead
     * thread's single-writer counters is safe: it writes nothing any more, and its last writes
     * happen before {@link Thread#isAlive()} returned false.
     */
    final void recordDeath(ThreadState dead) {
        recordDrop(dead, DropKind.FINAL);
        dead.stats.add(Counter.DIED_HOLDING, 1);
        threads.forget(dead);
    }

    /** The books of a drop: the holding's time, the counters, the JFR event, the trace. */
    private void recordDrop(ThreadState ts, DropKind how) {
        long heldSince = ts.heldSince;
        long released = heldSince == ThreadStats.UNTIMED ? ThreadStats.UNTIMED : now();
        ts.stopHolding();
        ThreadStats s = ts.stats;
        s.holdingEnded(heldSince, released, ts.heldSampled);
        s.add(how == DropKind.FORCED ? Counter.FORCED_DROPS : Counter.VOLUNTARY_RELEASES, 1);
        JfrEvents.endHeld(ts.heldEvent, mode, ts, how);
        ts.heldEvent = null;
        if (tracing) {
            trace.record(released, TraceEvent.Kind.RELEASED, ts, how, null);
        }
    }

    /**
     * Sets the holder's drop-request bit ({@code SET_GIL_DROP_REQUEST} /
     * {@code _Py_set_eval_breaker_bit(holder, _PY_GIL_DROP_REQUEST_BIT)}) and books it on the
     * poster. Called by a waiting thread, under the mode's mutex.
     */
    final void postDropRequest(ThreadState poster, ThreadState holder) {
        holder.dropRequest = true;
        poster.stats.add(Counter.DROP_REQUESTS, 1);
        long at = now();
        if (tracing) {
            trace.record(at, TraceEvent.Kind.DROP_REQUEST, poster, null, holder);
        }
        JfrEvents.dropRequest(mode, poster, holder, at - poster.requestedAt);
    }

    /** Notes an interrupt that arrived while {@code ts} waited for the lock; {@link #take} re-asserts it. */
    static void noteInterrupt(ThreadState ts) {
        ts.interruptPending = true;
        ts.stats.add(Counter.INTERRUPTS, 1);
    }

    // ---------------------------------------------------------------------------------------
    // The rules: what each mode writes.

    /**
     * Takes the lock for {@code ts} at once if the mode's slow path would take it without waiting,
     * signalling or counting anything (free, nobody queued, {@code ts} held it last). Returns
     * false, having changed nothing, otherwise.
     */
    abstract boolean tryAcquireFast(ThreadState ts);

    /** The slow path: takes the lock for {@code ts}, waiting as the mode says. Returns whether it had to wait. */
    abstract boolean acquire(ThreadState ts);

    /** Gives the lock up for {@code ts}, as the mode says (may wait for a hand-off). */
    abstract void release(ThreadState ts, DropKind how);

    /**
     * The eval breaker ({@code _Py_HandlePending}): called by the running thread at loop back
     * edges. Must cost about one volatile read when nobody waits; throws
     * {@link LockMisuseException} when the caller does not hold the lock.
     */
    @Override
    public abstract void poll();

    /**
     * The calling thread's state if it holds the lock (in free mode: is in a holding state),
     * else null. What {@link #poll()}, releases and {@link HoldingKernels} check first, so it
     * must be about as cheap as the poll.
     */
    abstract ThreadState callerIfHolding();

    /** {@code sys._is_gil_enabled()}: whether the lock excludes anybody. Every mode but free: always. */
    boolean isEnabled() {
        return true;
    }

    /** When and why a free interpreter's lock came back; null if it has not (or the mode always has it). */
    GilEnabled gilEnabled() {
        return null;
    }

    /**
     * {@code ts}, which holds the lock, loads {@code extension}: what the lock does about it.
     * Returns whether this load turned the lock on. Only the free mode does anything.
     */
    boolean onLoad(ThreadState ts, Extension extension) {
        return false;
    }

    /** {@code switch_number}: acquisitions that changed the holder (0 when the mode has no holder). */
    long switchNumber() {
        return 0;
    }

    /** Threads waiting for the lock right now (0 when the mode never waits). */
    int waiters() {
        return 0;
    }

    /** The lock's state in one line, for diagnostics (read without locking: may be slightly stale). */
    abstract String describe();
}
