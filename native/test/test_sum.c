/*
 * test_sum.c: gillab_sum on sums worked out by hand, on the documented summation order,
 * and bit for bit against a reference.
 *
 * The 1000-term reference is the header's order transcribed into Python (IEEE doubles, one
 * rounding per operation), with the same terms as sum_matches_the_reference_bits builds:
 *
 *   python3 -c "
 *   p = [1e-4, 1e-3, 1e-2, 1e-1, 1.0, 1e1, 1e2, 1e3, 1e4]
 *   v = [1.0 / (i + 1) * p[i * 7 % 9] * (1 if i % 3 else -1) for i in range(1000)]
 *   s = 0.0
 *   for x in v: s += x
 *   print(s.hex())"
 *
 * Summing the same terms in descending order gives 0x1.e10ced0775238p+12 instead, so the
 * check does see the order.
 */
#include "gillab.h"

#include "check.h"

#include <stdlib.h>

static void sum_of_nothing_is_zero_even_from_null(void)
{
    CHECK_SAME_DOUBLE("sum(NULL, 0)", gillab_sum(NULL, 0), 0.0);
    const double one[1] = {42.0};
    CHECK_SAME_DOUBLE("sum(one, 0) reads nothing", gillab_sum(one, 0), 0.0);
}

static void sum_starts_from_positive_zero(void)
{
    /* 0.0 + -0.0 is +0.0: a sum that started from the first element would return -0.0. */
    const double negative_zero[1] = {-0.0};
    CHECK_SAME_DOUBLE("sum({-0.0})", gillab_sum(negative_zero, 1), 0.0);
}

static void sum_by_hand(void)
{
    const double values[5] = {1.5, -2.25, 4.0, 0.125, 10.0};
    CHECK_SAME_DOUBLE("sum of 5", gillab_sum(values, 5), 13.375);
    CHECK_SAME_DOUBLE("sum of the first 3 of 5", gillab_sum(values, 3), 3.25);
}

static void sum_adds_in_ascending_index(void)
{
    /* Ascending: (0 + 1) + 1e16 rounds to 1e16 (the spacing of doubles there is 2), minus
     * 1e16 is 0. Descending would give (-1e16 + 1e16) + 1 = 1. */
    const double values[3] = {1.0, 1e16, -1e16};
    CHECK_SAME_DOUBLE("sum({1, 1e16, -1e16}) in ascending index", gillab_sum(values, 3), 0.0);
}

static void sum_matches_the_reference_bits(void)
{
    enum { N = 1000 };
    static const double powers[9] = {1e-4, 1e-3, 1e-2, 1e-1, 1.0, 1e1, 1e2, 1e3, 1e4};
    double *values = malloc(sizeof(double) * N);
    CHECK(values != NULL, "cannot allocate %d doubles", N);
    if (values == NULL) {
        return;
    }
    for (int i = 0; i < N; i++) {
        const double term = 1.0 / (double)(i + 1) * powers[i * 7 % 9];
        values[i] = i % 3 != 0 ? term : -term;
    }
    CHECK_SAME_DOUBLE("sum of the 1000 reference terms", gillab_sum(values, N),
                      0x1.e10ced077523bp+12);
    free(values);
}

int main(void)
{
    RUN_CASE(sum_of_nothing_is_zero_even_from_null);
    RUN_CASE(sum_starts_from_positive_zero);
    RUN_CASE(sum_by_hand);
    RUN_CASE(sum_adds_in_ascending_index);
    RUN_CASE(sum_matches_the_reference_bits);
    return check_exit_code();
}
