/*
 * gillab.h: the CPU-bound kernels of gillab, in C.
 *
 * These are the classic workloads of the interpreter-lock experiments (the countdown loop,
 * naive Fibonacci, a numerical integral, a matrix product, a Mandelbrot image, a hash, a
 * prime sieve and the sum of an array), plus three calls that exist to be measured rather
 * than to compute: noop, add and a blocking sleep; and one that calls back into its caller
 * for every element (gillab_sum_of_callbacks). The Java side has the same kernels in pure Java
 * (dev.gillab.kernel.JavaKernels) with the same semantics and results, and calls these
 * through JNA, JavaCPP and the FFM API (the callbacks through dev.gillab.binding.Callbacks).
 *
 * Contract shared by every function:
 *  - Arguments are validated by the Java caller before the call crosses into C (see
 *    dev.gillab.kernel.KernelArguments, which also holds the documented maxima). The C side
 *    trusts its arguments: a NULL pointer or a short buffer is undefined behaviour here.
 *  - Thread safety: every kernel is reentrant and touches only its arguments and its own
 *    stack or heap; any number of threads may call any kernel at once. Nothing here knows
 *    about the interpreter lock: releasing it around a call is the Java wrapper's job, the
 *    way Py_BEGIN_ALLOW_THREADS is the extension author's job in CPython.
 *  - Cost model: each entry states how its running time grows, so that callers can size a
 *    single call from microseconds to seconds.
 *  - Floating point: compiled with -ffp-contract=off and without -ffast-math, so every
 *    double result below is bit-identical to the pure-Java kernel (Java arithmetic is
 *    strict IEEE 754 since Java 17) as long as both sum in the order documented here.
 */
#ifndef GILLAB_H
#define GILLAB_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#  define GILLAB_API __declspec(dllexport)
#else
#  define GILLAB_API __attribute__((visibility("default")))
#endif

/* The countdown loop of the famous two-thread experiment, `while n > 0: n -= 1`.
 * So that no compiler can replace the loop by its closed form, every iteration folds the
 * counter into an FNV-1a style hash (h ^= n; h *= 1099511628211, from
 * h = 14695981039346656037, unsigned 64-bit wrap-around) before decrementing it, so the
 * values n, n-1, ..., 1 are folded in that order, and the hash is returned.
 * countdown(0) returns the initial value. Cost: O(n), about one multiply per iteration. */
GILLAB_API uint64_t gillab_countdown(int64_t n);

/* Naive recursive Fibonacci: fib(0) = 0, fib(1) = 1, fib(n) = fib(n-1) + fib(n-2).
 * 0 <= n <= 92 (fib(92) is the largest that fits in int64). Cost: O(1.618^n) calls. */
GILLAB_API int64_t gillab_fib(int32_t n);

/* Pi by the midpoint rule on 4/(1+x^2) over [0, 1]: h = 1.0/steps,
 * sum = sum over i = 0 .. steps-1, in that order, of 4.0/(1.0 + x*x) with x = (i + 0.5)*h,
 * result = sum*h. steps >= 1. Bit-identical to the Java kernel. Cost: O(steps). */
GILLAB_API double gillab_pi(int64_t steps);

/* Dense product c = a * b of n x n row-major doubles. c is fully overwritten.
 * Each c[i][j] is the sum over k = 0 .. n-1, in that order, of a[i][k]*b[k][j], starting
 * from 0.0 (the loops run i, k, j for cache locality, which keeps that order).
 * Bit-identical to the Java kernel. n >= 1; c must not alias a or b. Cost: O(n^3). */
GILLAB_API void gillab_matmul(const double *a, const double *b, double *c, int32_t n);

/* Escape counts of the Mandelbrot set over a width x height pixel grid of the region
 * [x_min, x_max] x [y_min, y_max]. Pixel (px, py) samples the centre of its cell:
 * cx = x_min + (x_max - x_min) * (px + 0.5) / width, cy = y_min + (y_max - y_min) * (py + 0.5) / height,
 * then iterates z = z*z + c from z = 0 while |z|^2 <= 4 and count < max_iter, where
 * |z|^2 = zr*zr + zi*zi and one step is zr' = zr*zr - zi*zi + cx, zi' = 2.0*zr*zi + cy
 * (each evaluated left to right from the old z), count being the number of steps taken.
 * out[py * width + px] = count (1 .. max_iter, as z = 0 always passes the first test).
 * width, height, max_iter >= 1.
 * Bit-identical to the Java kernel. Cost: O(width * height * max_iter) at worst. */
GILLAB_API void gillab_mandelbrot(int32_t width, int32_t height, int32_t max_iter,
                                  double x_min, double x_max, double y_min, double y_max,
                                  int32_t *out);

/* SHA-256 (FIPS 180-4) of length bytes at data into digest[32]. length >= 0; data may be
 * NULL when length is 0. Cost: O(length), about 64 rounds per 64-byte block. */
GILLAB_API void gillab_sha256(const uint8_t *data, int64_t length, uint8_t *digest);

/* The number of primes p with p < limit, by the sieve of Eratosthenes (one byte per
 * number). limit >= 0. Returns -1 if the sieve cannot be allocated.
 * Cost: O(limit log log limit) time, limit bytes of memory. */
GILLAB_API int32_t gillab_primes(int32_t limit);

/* The sum of length doubles at values: sum = 0.0, then sum += values[i] for i = 0 .. length-1,
 * in that order, in one accumulator, and sum is returned (so the empty sum is 0.0, and
 * -0.0 alone sums to 0.0). Bit-identical to the Java kernel. length >= 0; values may be NULL
 * when length is 0. The kernel of the array-passing benchmark: its cost, O(length) additions
 * of about a nanosecond each, is of the order of copying the array, so what a binding does
 * with the array shows. */
GILLAB_API double gillab_sum(const double *values, int64_t length);

/* Does nothing: the floor of a native call's cost. */
GILLAB_API void gillab_noop(void);

/* a + b with 32-bit two's-complement wrap-around: the cost of a call with arguments and a result. */
GILLAB_API int32_t gillab_add(int32_t a, int32_t b);

/* Blocks the calling thread for micros microseconds in nanosleep(2), resuming after a
 * signal until the whole time has passed: the simulated blocking I/O call.
 * micros >= 0. Returns 0, or the errno of a failed nanosleep. */
GILLAB_API int32_t gillab_sleep_micros(int64_t micros);

/* ---------------------------------------------------------------------------------------
 * Callbacks: native code that calls back into the caller for every element, the situation
 * of a C library handed a Python function (ctypes CFUNCTYPE, a qsort comparator, a sqlite3
 * row callback). In CPython such a callback must take the interpreter lock with
 * PyGILState_Ensure before it touches anything of the interpreter, and give it back with
 * PyGILState_Release; here that is the callback's own business, as it is in C.
 *
 * The usage picture:
 *
 *     static int32_t square(int64_t i, int64_t *value) { *value = i * i; return 0; }
 *     ...
 *     int64_t sum = gillab_sum_of_callbacks(1000, square);   // 332833500
 */

/* Whether a callback lets the iteration go on (GILLAB_GO_ON) or ends it (anything else). */
#define GILLAB_GO_ON 0
#define GILLAB_STOP 1

/* The element callback: stores element i's value in *value and returns GILLAB_GO_ON, or
 * returns non-zero to stop the iteration: the caller failed (a Java exception, say) and
 * wants no further calls. *value is set to 0 before each call, so a callback that returns
 * without storing anything contributes 0. */
typedef int32_t (*gillab_element_fn)(int64_t i, int64_t *value);

/* Calls fn(i, &value) for i = 0, 1, ..., count-1, in that order, on the calling thread,
 * and returns the sum of the values (unsigned 64-bit wrap-around, like Java's long
 * addition). Stops at the first call that returns non-zero, without adding that call's
 * value, and returns the sum of the values before it. count >= 0 (0 calls nothing and
 * returns 0); fn is not NULL. Reentrant: fn may itself call gillab_sum_of_callbacks.
 * Cost: count calls of fn plus one addition each. */
GILLAB_API int64_t gillab_sum_of_callbacks(int64_t count, gillab_element_fn fn);

#ifdef __cplusplus
}
#endif

#endif /* GILLAB_H */
