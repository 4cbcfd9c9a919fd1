/*
 * kernels.c: the numeric CPU-bound kernels of gillab.h (countdown, fib, pi, matmul,
 * mandelbrot, primes, sum).
 *
 * Each function here is the C twin of a pure-Java kernel, and the two must agree exactly,
 * including every bit of the double results. That is why this file is compiled with
 * -ffp-contract=off and without -ffast-math (no fused multiply-add, no reassociation), and
 * why every floating-point expression below is written in the order the header documents,
 * left to right, the way Java evaluates it. The kernels keep no state between calls and
 * touch only their arguments, their stack and their own heap blocks, so they are reentrant
 * and any number of threads may run them at once.
 */
#include "gillab.h"

#include <stdlib.h>

/* FNV-1a 64-bit parameters (offset basis and prime), as documented for gillab_countdown. */
#define GILLAB_FNV_OFFSET UINT64_C(14695981039346656037)
#define GILLAB_FNV_PRIME UINT64_C(1099511628211)

uint64_t gillab_countdown(int64_t n)
{
    /* The hash is what keeps the loop honest: a bare `while (n > 0) n--;` is dead code the
     * compiler deletes, and a sum of the counters has a closed form it may substitute. A
     * xor-then-multiply chain has neither, so the compiled code runs one dependent
     * iteration per counter value, like the interpreter loop it stands for. */
    uint64_t h = GILLAB_FNV_OFFSET;
    while (n > 0) {
        h ^= (uint64_t)n;
        h *= GILLAB_FNV_PRIME;
        n -= 1;
    }
    return h;
}

int64_t gillab_fib(int32_t n)
{
    /* Deliberately the exponential recursion: the point is the number of calls. */
    if (n < 2) {
        return n;
    }
    return gillab_fib(n - 1) + gillab_fib(n - 2);
}

double gillab_pi(int64_t steps)
{
    /* One accumulator, i ascending: any other order (pairwise, several partial sums,
     * vectorised lanes) would change the rounding and break equality with Java. Without
     * -ffast-math the compiler may not reassociate this loop. */
    const double h = 1.0 / (double)steps;
    double sum = 0.0;
    for (int64_t i = 0; i < steps; i++) {
        const double x = ((double)i + 0.5) * h;
        sum += 4.0 / (1.0 + x * x);
    }
    return sum * h;
}

void gillab_matmul(const double *restrict a, const double *restrict b, double *restrict c,
                   int32_t n)
{
    /* i, k, j order: the inner loop walks rows of b and c contiguously. For each c[i][j]
     * the k terms still arrive in ascending k, one addition at a time, starting from 0.0,
     * which is the documented order. Vectorising over j is allowed and harmless: it runs
     * several independent c[i][j] side by side without reordering any single sum. The
     * restrict qualifiers state the header's no-alias rule so the compiler need not
     * reload b and c around each store. */
    const size_t m = (size_t)n;
    for (size_t i = 0; i < m; i++) {
        double *restrict row = c + i * m;
        for (size_t j = 0; j < m; j++) {
            row[j] = 0.0;
        }
        for (size_t k = 0; k < m; k++) {
            const double aik = a[i * m + k];
            const double *restrict brow = b + k * m;
            for (size_t j = 0; j < m; j++) {
                row[j] += aik * brow[j];
            }
        }
    }
}

/* Steps of z = z*z + c from z = 0 until |z|^2 > 4 or max_iter steps, as in gillab.h. */
static int32_t gillab_mandelbrot_count(double cx, double cy, int32_t max_iter)
{
    double zr = 0.0;
    double zi = 0.0;
    int32_t count = 0;
    while (zr * zr + zi * zi <= 4.0 && count < max_iter) {
        /* Both new parts come from the old z, hence the temporary. */
        const double next_zr = zr * zr - zi * zi + cx;
        zi = 2.0 * zr * zi + cy;
        zr = next_zr;
        count++;
    }
    return count;
}

void gillab_mandelbrot(int32_t width, int32_t height, int32_t max_iter,
                       double x_min, double x_max, double y_min, double y_max,
                       int32_t *out)
{
    for (int32_t py = 0; py < height; py++) {
        /* Written exactly as the header's formula: ((y_max - y_min) * (py + 0.5)) / height,
         * then added to y_min. Precomputing a step (y_max - y_min) / height would be
         * faster and round differently. */
        const double cy = y_min + (y_max - y_min) * ((double)py + 0.5) / (double)height;
        for (int32_t px = 0; px < width; px++) {
            const double cx = x_min + (x_max - x_min) * ((double)px + 0.5) / (double)width;
            out[(size_t)py * (size_t)width + (size_t)px] =
                gillab_mandelbrot_count(cx, cy, max_iter);
        }
    }
}

int32_t gillab_primes(int32_t limit)
{
    /* No prime lies below 2; answering early also avoids malloc(0), which may legally
     * return NULL and would then be mistaken for an allocation failure. */
    if (limit < 3) {
        return 0;
    }
    /* composite[i] != 0 once i is known to be composite; 0 and 1 are never read. Indices
     * are 64-bit because p * p overflows int32 for p > 46340 while limit may reach
     * INT32_MAX. */
    const int64_t size = limit;
    unsigned char *composite = calloc((size_t)size, 1);
    if (composite == NULL) {
        return -1;
    }
    for (int64_t p = 2; p * p < size; p++) {
        if (!composite[p]) {
            /* Multiples below p * p already have a smaller prime factor. */
            for (int64_t m = p * p; m < size; m += p) {
                composite[m] = 1;
            }
        }
    }
    int32_t count = 0;
    for (int64_t i = 2; i < size; i++) {
        count += !composite[i];
    }
    free(composite);
    return count;
}

double gillab_sum(const double *values, int64_t length)
{
    /* One accumulator, i ascending, as for gillab_pi: without -ffast-math the compiler may
     * neither split the sum into vector lanes nor reorder it, so the loop runs at one
     * dependent addition per element. values is only read when length > 0, so NULL with
     * length 0 is fine. */
    double sum = 0.0;
    for (int64_t i = 0; i < length; i++) {
        sum += values[i];
    }
    return sum;
}
