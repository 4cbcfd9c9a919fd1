/*
 * test_pi.c: gillab_pi, bit for bit against a reference and close to pi within a bound.
 *
 * Exact values: the header's sum transcribed into Python, whose floats are IEEE doubles
 * with one rounding per operation (no fused multiply-add), the same arithmetic as Java's:
 *
 *   python3 -c "
 *   n = 1000; h = 1.0 / n; s = 0.0
 *   for i in range(n): x = (i + 0.5) * h; s += 4.0 / (1.0 + x * x)
 *   print((s * h).hex())"
 *
 * Closeness: the composite midpoint rule on f(x) = 4/(1+x^2) over [0, 1] errs by at most
 * h^2/24 * max|f''| (b - a). f''(x) = 8(3x^2 - 1)/(1+x^2)^3 has its largest magnitude, 8,
 * at x = 0, so the truncation error is at most h^2/3. Rounding adds at most about
 * (steps + 5) * u * pi for a running sum of steps positive terms (each term itself a few
 * roundings off), with u = DBL_EPSILON / 2; 2 * DBL_EPSILON * (steps + 5) covers it.
 */
#include "gillab.h"

#include "check.h"

#include <float.h>
#include <math.h>
#include <stdio.h>

/* pi to more digits than a double holds, so the literal rounds to the nearest double. */
#define TEST_PI 3.14159265358979323846264338327950288

static void pi_with_one_step_is_exactly_3_2(void)
{
    /* One midpoint, x = 0.5: 4 / 1.25 = 3.2, rounded once, the same double as the literal. */
    CHECK_SAME_DOUBLE("pi(1)", gillab_pi(1), 3.2);
}

static void pi_matches_the_reference_bits(void)
{
    static const struct {
        int64_t steps;
        double value;
    } table[] = {
        {2, 0x1.94c7fb2e6194cp+1},       /* 3.1623529411764704 */
        {3, 0x1.934f06e38006dp+1},       /* 3.1508492098656036 */
        {10, 0x1.923b03c1d7144p+1},      /* 3.1424259850010987 */
        {1000, 0x1.921fb5f737cd0p+1},    /* 3.1415927369231227 */
        {1000000, 0x1.921fb54442cd7p+1}, /* 3.1415926535897643 */
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        char what[48];
        snprintf(what, sizeof what, "pi(%lld)", (long long)table[i].steps);
        CHECK_SAME_DOUBLE(what, gillab_pi(table[i].steps), table[i].value);
    }
}

static void pi_is_close_to_pi_within_the_error_bound(void)
{
    static const int64_t steps[] = {1, 2, 10, 100, 1000, 10000, 100000, 1000000, 3000000};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        const double n = (double)steps[i];
        const double h = 1.0 / n;
        const double bound = h * h / 3.0 + 2.0 * DBL_EPSILON * (n + 5.0);
        const double value = gillab_pi(steps[i]);
        const double error = fabs(value - TEST_PI);
        CHECK(error <= bound, "pi(%lld) = %.17g is %.3g away from pi, more than the bound %.3g",
              (long long)steps[i], value, error, bound);
    }
}

int main(void)
{
    RUN_CASE(pi_with_one_step_is_exactly_3_2);
    RUN_CASE(pi_matches_the_reference_bits);
    RUN_CASE(pi_is_close_to_pi_within_the_error_bound);
    return check_exit_code();
}
