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
 */
public record InterpreterConfig(LockMode mode, long switchIntervalMicros, int checkInterval,
                                boolean trace, int traceCapacity) {

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
    }

    /** Switch mode, 5 ms interval, check interval 100, trace off. */
    public static InterpreterConfig defaults() {
        return of(LockMode.SWITCH);
    }

    /** The defaults with another mode. */
    public static InterpreterConfig of(LockMode mode) {
        return new InterpreterConfig(mode, DEFAULT_SWITCH_INTERVAL_MICROS, DEFAULT_CHECK_INTERVAL,
                false, DEFAULT_TRACE_CAPACITY);
    }

    public InterpreterConfig withMode(LockMode newMode) {
        return new InterpreterConfig(newMode, switchIntervalMicros, checkInterval, trace, traceCapacity);
    }

    public InterpreterConfig withSwitchIntervalMicros(long micros) {
        return new InterpreterConfig(mode, micros, checkInterval, trace, traceCapacity);
    }

    public InterpreterConfig withCheckInterval(int polls) {
        return new InterpreterConfig(mode, switchIntervalMicros, polls, trace, traceCapacity);
    }

    /** Tracing on or off, keeping the capacity. */
    public InterpreterConfig withTrace(boolean on) {
        return new InterpreterConfig(mode, switchIntervalMicros, checkInterval, on, traceCapacity);
    }

    /** Tracing on, with this ring-buffer size. */
    public InterpreterConfig withTrace(int capacity) {
        return new InterpreterConfig(mode, switchIntervalMicros, checkInterval, true, capacity);
    }
}
