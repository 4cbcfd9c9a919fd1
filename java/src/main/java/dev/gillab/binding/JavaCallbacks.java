package dev.gillab.binding;

import java.util.function.LongUnaryOperator;

/**
 * The callbacks of {@link Binding#JAVA}: the same loop as {@code gillab_sum_of_callbacks},
 * in Java, so no call crosses a language boundary. The floor against which the native
 * bindings' cost per callback is measured. An exception from {@code fn} simply propagates.
 */
final class JavaCallbacks implements Callbacks {

    @Override
    public String name() {
        return Binding.JAVA.id();
    }

    @Override
    public long sumOfCallbacks(long count, LongUnaryOperator fn) {
        long sum = 0;
        for (long i = 0; i < count; i++) {
            sum += fn.applyAsLong(i);
        }
        return sum;
    }
}
