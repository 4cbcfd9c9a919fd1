package dev.gillab.lock;

import java.util.Objects;

/**
 * How an {@link Interpreter} is built: the lock's mode, its two tuning knobs and the event trace.
 *
 * @param mode                 the lock's rules
 * @param switchIntervalMicros the switch interval in microseconds ({@code sys.setswitchinterval},
 *                             which takes seconds); values below 1 are clamped to 1, as CPython does.
 *                             Used by {@link LockMode#SWITCH} and {@link LockMode#PRIORITY}.
 * @param checkInterval        polls between two forced releases ({@code sys.setcheckinterval}); >= 1.
 *                             Used by {@link LockMode#TICKS}.
 * @param trace                whether events are recorded into the trace ring buffer
 * @param traceCapacity        the ring buffer's size in events (>= 1); older events are overwritten
 * @param pythonGil            {@code PYTHON_GIL} of a free-threaded build: may the lock come back
 *                             ({@link PythonGil#DEFAULT}), never ({@link PythonGil#OFF}), or is it
 *                             on from the start ({@link PythonGil#ON}). Only {@link LockMode#FREE}
 *                             takes a value other than {@code DEFAULT}.
 */
public record InterpreterConfig(LockMode mode, long switchIntervalMicros, int checkInterval,
                                boolean trace, int traceCapacity, PythonGil pythonGil) {

    /** CPython's default switch interval: 5 ms. */
    public static final long DEFAULT_SWITCH_INTERVAL_MICROS = 5_000;
    /** CPython 2's default check interval: 100 ticks. */
    public static final int DEFAULT_CHECK_INTERVAL = 100;
    /** Default trace size: 65,536 events (a few megabytes). */
    public static final int DEFAULT_TRACE_CAPACITY = 1 << 16;

    public InterpreterConfig {
        Objects.requireNonNull(mode, "mode");
        switchIntervalMicros = Math.max(1, switchIntervalMicros);
        if (checkInterval < 1) {
            throw new IllegalArgumentException("checkInterval must be >= 1, got " + checkInterval);
        }
        if (traceCapacity < 1) {
            throw new IllegalArgumentException("traceCapacity must be >= 1, got " + traceCapacity);
        }
        Objects.requireNonNull(pythonGil, "pythonGil");
        if (pythonGil != PythonGil.DEFAULT && mode != LockMode.FREE) {
            throw new IllegalArgumentException(pythonGil.label() + " needs the free-threaded build (mode "
                    + LockMode.FREE.id() + "); a " + mode.id() + " interpreter always has its lock");
        }
    }

    /** Switch mode, 5 ms interval, check interval 100, trace off. */
    public static InterpreterConfig defaults() {
        return of(LockMode.SWITCH);
    }

    /** The defaults with another mode. */
    public static InterpreterConfig of(LockMode mode) {
        return new InterpreterConfig(mode, DEFAULT_SWITCH_INTERVAL_MICROS, DEFAULT_CHECK_INTERVAL,
                false, DEFAULT_TRACE_CAPACITY, PythonGil.DEFAULT);
    }

    /** Another mode; a {@link #pythonGil} setting only survives a change to {@link LockMode#FREE}. */
    public InterpreterConfig withMode(LockMode newMode) {
        return new InterpreterConfig(newMode, switchIntervalMicros, checkInterval, trace, traceCapacity,
                newMode == LockMode.FREE ? pythonGil : PythonGil.DEFAULT);
    }

    public InterpreterConfig withSwitchIntervalMicros(long micros) {
        return new InterpreterConfig(mode, micros, checkInterval, trace, traceCapacity, pythonGil);
    }

    public InterpreterConfig withCheckInterval(int polls) {
        return new InterpreterConfig(mode, switchIntervalMicros, polls, trace, traceCapacity, pythonGil);
    }

    /** Tracing on or off, keeping the capacity. */
    public InterpreterConfig withTrace(boolean on) {
        return new InterpreterConfig(mode, switchIntervalMicros, checkInterval, on, traceCapacity, pythonGil);
    }

    /** Tracing on, with this ring-buffer size. */
    public InterpreterConfig withTrace(int capacity) {
        return new InterpreterConfig(mode, switchIntervalMicros, checkInterval, true, capacity, pythonGil);
    }

    /** {@code PYTHON_GIL} of the free-threaded build ({@link LockMode#FREE} only). */
    public InterpreterConfig withPythonGil(PythonGil setting) {
        return new InterpreterConfig(mode, switchIntervalMicros, checkInterval, trace, traceCapacity, setting);
    }
}
