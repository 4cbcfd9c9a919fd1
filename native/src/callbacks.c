/*
 * callbacks.c: gillab_sum_of_callbacks, native code that calls back into its caller for
 * every element.
 *
 * The loop is the whole point: each iteration is one call through a function pointer that
 * the Java bindings point at Java code (a JNA Callback, a JavaCPP FunctionPointer, an FFM
 * upcall stub), so the cost of one iteration is the cost of one trip back into the JVM.
 * Nothing here knows about the interpreter lock; a callback that needs it takes it itself,
 * as a CPython callback calls PyGILState_Ensure.
 */
#include "gillab.h"

int64_t gillab_sum_of_callbacks(int64_t count, gillab_element_fn fn)
{
    /* Summed as unsigned: signed overflow is undefined in C, unsigned wraps modulo 2^64,
     * and the conversion back is two's complement on GCC and Clang, as in Java. */
    uint64_t sum = 0;
    for (int64_t i = 0; i < count; i++) {
        int64_t value = 0;
        if (fn(i, &value) != GILLAB_GO_ON) {
            break;
        }
        sum += (uint64_t)value;
    }
    return (int64_t)sum;
}
