package dev.gillab.jcstress;

import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;

/**
 * A plain {@code int} that only the interpreter lock protects: the mutual-exclusion tests'
 * shared state. Each increment is a read-modify-write of a plain field, so two threads running
 * it at once can both read the same value: exactly what the lock must prevent.
 */
public final class HeldCounter {

    private final Interpreter interpreter;
    private int count;

    public HeldCounter(InterpreterConfig config) {
        this.interpreter = Interpreter.create(config);
    }

    /**
     * Attaches (takes the lock), polls, increments, polls again and detaches; returns the value
     * the increment produced. The polls let the lock change hands right before and after the
     * increment (a drop request in switch mode, the tick counter in ticks mode); between them
     * the thread must run alone.
     */
    public int incrementWhileHolding() {
        interpreter.attach();
        try {
            interpreter.poll();
            int value = ++count;
            interpreter.poll();
            return value;
        } finally {
            interpreter.detach();
        }
    }
}
