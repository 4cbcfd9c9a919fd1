/*
 * test_matmul.c: gillab_matmul on products worked out by hand, and on the documented
 * summation order.
 *
 * The 5 x 5 reference is the header's order transcribed into Python (IEEE doubles, one
 * rounding per operation), summarised as an FNV-1a fold of the 25 result bit patterns:
 *
 *   python3 -c "
 *   import struct; n = 5
 *   a = [[1.0 / (i + k + 1) for k in range(n)] for i in range(n)]
 *   b = [[(k - 2 * j + 0.5) / 3.0 for j in range(n)] for k in range(n)]
 *   h = 14695981039346656037
 *   for i in range(n):
 *     for j in range(n):
 *       s = 0.0
 *       for k in range(n): s += a[i][k] * b[k][j]
 *       h = ((h ^ struct.unpack('<Q', struct.pack('<d', s))[0]) * 1099511628211) % 2**64
 *   print(hex(h))"
 *
 * Summing the same terms in descending k gives 0x37b7092c6090925d instead, so the check
 * does see the order.
 */
#include "gillab.h"

#include "check.h"

#include <stdio.h>
#include <stdlib.h>

/* Compares c with want, both n x n row-major, element by element, bit for bit. */
static void matmul_check_matrix(const char *label, const double *c, const double *want, int n)
{
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            char what[64];
            snprintf(what, sizeof what, "%s c[%d][%d]", label, i, j);
            CHECK_SAME_DOUBLE(what, c[i * n + j], want[i * n + j]);
        }
    }
}

static void matmul_one_by_one(void)
{
    const double a[1] = {3.0};
    const double b[1] = {-2.5};
    double c[1] = {99.0};
    gillab_matmul(a, b, c, 1);
    CHECK_SAME_DOUBLE("1x1 c[0][0]", c[0], -7.5);
}

static void matmul_two_by_two_by_hand(void)
{
    /* [1 2] [5 6]   [1*5+2*7 1*6+2*8]   [19 22]
     * [3 4] [7 8] = [3*5+4*7 3*6+4*8] = [43 50] */
    const double a[4] = {1, 2, 3, 4};
    const double b[4] = {5, 6, 7, 8};
    const double want[4] = {19, 22, 43, 50};
    double c[4] = {-1, -1, -1, -1}; /* garbage that must be overwritten, not added to */
    gillab_matmul(a, b, c, 2);
    matmul_check_matrix("2x2", c, want, 2);
}

static void matmul_three_by_three_by_hand(void)
{
    /* Row i of a times column j of b, e.g. c[0][0] = 1*9 + 2*6 + 3*3 = 30,
     * c[1][1] = 4*8 + 5*5 + 6*2 = 69, c[2][2] = 7*7 + 8*4 + 9*1 = 90. */
    const double a[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    const double b[9] = {9, 8, 7, 6, 5, 4, 3, 2, 1};
    const double want[9] = {30, 24, 18, 84, 69, 54, 138, 114, 90};
    double c[9];
    for (int i = 0; i < 9; i++) {
        c[i] = 1e300;
    }
    gillab_matmul(a, b, c, 3);
    matmul_check_matrix("3x3", c, want, 3);
}

static void matmul_by_the_identity_gives_the_other_factor(void)
{
    enum { N = 7 }; /* odd, so a vectorised inner loop also runs its scalar tail */
    double id[N * N], m[N * N], c[N * N];
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            id[i * N + j] = i == j ? 1.0 : 0.0;
            m[i * N + j] = (double)(i * N + j) / 7.0 - 3.25;
        }
    }
    /* x*1 and x*0 are exact and adding 0.0 changes nothing but -0.0, absent here, so the
     * products must equal m bit for bit. */
    gillab_matmul(id, m, c, N);
    matmul_check_matrix("I*M", c, m, N);
    gillab_matmul(m, id, c, N);
    matmul_check_matrix("M*I", c, m, N);
}

static void matmul_sums_in_ascending_k(void)
{
    /* a = [1, 1e16, -1e16] (one row), b = ones (one column in a 3x3). Ascending k:
     * (0 + 1) + 1e16 rounds to 1e16 (the spacing of doubles there is 2), minus 1e16 is 0.
     * Descending k would give (-1e16 + 1e16) + 1 = 1. */
    const double a[9] = {1.0, 1e16, -1e16, 0, 0, 0, 0, 0, 0};
    const double b[9] = {1, 0, 0, 1, 0, 0, 1, 0, 0};
    double c[9];
    gillab_matmul(a, b, c, 3);
    CHECK_SAME_DOUBLE("c[0][0] summed in ascending k", c[0], 0.0);
}

static void matmul_five_by_five_matches_the_reference_bits(void)
{
    enum { N = 5 };
    double a[N * N], b[N * N], c[N * N];
    for (int i = 0; i < N; i++) {
        for (int k = 0; k < N; k++) {
            a[i * N + k] = 1.0 / (double)(i + k + 1);
        }
    }
    for (int k = 0; k < N; k++) {
        for (int j = 0; j < N; j++) {
            b[k * N + j] = ((double)(k - 2 * j) + 0.5) / 3.0;
        }
    }
    gillab_matmul(a, b, c, N);
    uint64_t h = CHECK_FNV_OFFSET;
    for (int i = 0; i < N * N; i++) {
        h = check_fnv_fold(h, check_double_bits(c[i]));
    }
    CHECK_EQ_U64("FNV-1a fold of the 5x5 product bits", h, UINT64_C(0x2454a95b41e2030c));
    /* Two spot values, to make a mismatch readable. */
    CHECK_SAME_DOUBLE("c[0][0]", c[0], 0x1.493e93e93e93fp+0);
    CHECK_SAME_DOUBLE("c[4][4]", c[24], -0x1.70ad602b580adp+0);
}

static void matmul_large_matches_a_plain_triple_loop(void)
{
    /* Big enough for the vectorised path: compare with the textbook i, j, k loop, which
     * adds the same terms in the same order, so the bits must agree. */
    enum { N = 37 };
    double *a = malloc(sizeof(double) * N * N);
    double *b = malloc(sizeof(double) * N * N);
    double *c = malloc(sizeof(double) * N * N);
    CHECK(a != NULL && b != NULL && c != NULL, "cannot allocate the %dx%d test matrices", N, N);
    if (a == NULL || b == NULL || c == NULL) {
        free(a);
        free(b);
        free(c);
        return;
    }
    for (int i = 0; i < N * N; i++) {
        a[i] = 1.0 / (double)(i % 13 + 1) - 0.3;
        b[i] = (double)((i * 7) % 11) / 3.0 - 1.1;
    }
    gillab_matmul(a, b, c, N);
    int mismatches = 0;
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            double sum = 0.0;
            for (int k = 0; k < N; k++) {
                sum += a[i * N + k] * b[k * N + j];
            }
            if (check_double_bits(sum) != check_double_bits(c[i * N + j]) && mismatches++ < 5) {
                CHECK_SAME_DOUBLE("37x37 product element", c[i * N + j], sum);
            }
        }
    }
    CHECK(mismatches == 0, "%d elements of the 37x37 product differ from the i, j, k loop",
          mismatches);
    free(a);
    free(b);
    free(c);
}

int main(void)
{
    RUN_CASE(matmul_one_by_one);
    RUN_CASE(matmul_two_by_two_by_hand);
    RUN_CASE(matmul_three_by_three_by_hand);
    RUN_CASE(matmul_by_the_identity_gives_the_other_factor);
    RUN_CASE(matmul_sums_in_ascending_k);
    RUN_CASE(matmul_five_by_five_matches_the_reference_bits);
    RUN_CASE(matmul_large_matches_a_plain_triple_loop);
    return check_exit_code();
}
