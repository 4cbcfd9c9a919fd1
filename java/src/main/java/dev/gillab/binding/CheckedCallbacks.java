package dev.gillab.binding;

import java.util.function.LongUnaryOperator;

/**
 * A {@link Callbacks} that checks its arguments, and only then calls the callbacks it wraps:
 * every binding's callbacks are handed out inside one ({@link Binding#callbacks()}), so a bad
 * count or a null function is rejected in Java, with a message that names the parameter in the
 * style of {@link dev.gillab.kernel.KernelArguments}, and never reaches C.
 */
final class CheckedCallbacks implements Callbacks {

    private final Callbacks delegate;

    CheckedCallbacks(Callbacks delegate) {
        if (delegate == null) {
            throw new NullPointerException("delegate must not be null");
        }
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public long sumOfCallbacks(long count, LongUnaryOperator fn) {
        if (fn == null) {
            throw new NullPointerException("fn must not be null");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        return delegate.sumOfCallbacks(count, fn);
    }
}
