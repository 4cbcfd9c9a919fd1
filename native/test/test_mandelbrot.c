/*
 * test_mandelbrot.c: gillab_mandelbrot on points and grids checked by hand, and on
 * reference grids that pin down the documented floating-point order.
 *
 * A 1 x 1 grid over [x - 1, x + 1] x [y - 1, y + 1] samples exactly c = x + iy (the cell
 * centre is x - 1 + 2 * 0.5 / 1), which is how single points are tested. Counting follows
 * the header: the test |z|^2 <= 4 comes before each step, and count is the number of steps.
 *
 * The 16 x 12 grid and the chaotic-region summary come from the header's definition
 * transcribed into Python (IEEE doubles, one rounding per operation):
 *
 *   def count(cx, cy, mi):
 *       zr = zi = 0.0; c = 0
 *       while zr * zr + zi * zi <= 4.0 and c < mi:
 *           zr, zi = zr * zr - zi * zi + cx, 2.0 * zr * zi + cy; c += 1
 *       return c
 *   def grid(w, h, mi, x0, x1, y0, y1):
 *       return [count(x0 + (x1 - x0) * (px + 0.5) / w, y0 + (y1 - y0) * (py + 0.5) / h, mi)
 *               for py in range(h) for px in range(w)]
 *
 * The chaotic region sits on the set's boundary, where one rounding more or less changes
 * many counts: computing zr as zr*zr + (cx - zi*zi) there gives a different summary.
 */
#include "gillab.h"

#include "check.h"

#include <stdio.h>
#include <stdlib.h>

static int32_t mandelbrot_point(double x, double y, int32_t max_iter)
{
    int32_t count = -1;
    gillab_mandelbrot(1, 1, max_iter, x - 1.0, x + 1.0, y - 1.0, y + 1.0, &count);
    return count;
}

static void mandelbrot_points_inside_reach_max_iter(void)
{
    /* 0 and 0.25 (the cusp) are fixed points or converge to one, -1 and i are periodic, and
     * -2 lands on the fixed point 2 with |z|^2 = 4 exactly, which the <= test keeps in. */
    static const struct {
        double x, y;
    } inside[] = {{0.0, 0.0}, {-1.0, 0.0}, {-2.0, 0.0}, {0.25, 0.0}, {0.0, 1.0}, {-0.5, 0.5}};
    for (size_t i = 0; i < sizeof inside / sizeof inside[0]; i++) {
        char what[64];
        snprintf(what, sizeof what, "count at c = %g%+gi", inside[i].x, inside[i].y);
        CHECK_EQ_I64(what, mandelbrot_point(inside[i].x, inside[i].y, 1000), 1000);
        CHECK_EQ_I64(what, mandelbrot_point(inside[i].x, inside[i].y, 1), 1);
    }
}

static void mandelbrot_far_points_escape_at_once(void)
{
    /* z = 0 passes the first test, the first step gives z = c with |c|^2 > 4: count 1. */
    CHECK_EQ_I64("count at c = 10+10i", mandelbrot_point(10.0, 10.0, 1000), 1);
    CHECK_EQ_I64("count at c = -3", mandelbrot_point(-3.0, 0.0, 1000), 1);
    CHECK_EQ_I64("count at c = 1e6i", mandelbrot_point(0.0, 1e6, 1000), 1);
}

static void mandelbrot_points_escaping_after_a_few_steps(void)
{
    /* c = 2: z = 2 (|z|^2 = 4, kept), z = 6 (36 > 4): count 2.
     * c = 1: z = 1, 2, 5: the test fails after the third step: count 3.
     * c = 2i: z = 2i (4, kept), z = -4 + 2i (20): count 2. */
    CHECK_EQ_I64("count at c = 2", mandelbrot_point(2.0, 0.0, 1000), 2);
    CHECK_EQ_I64("count at c = 1", mandelbrot_point(1.0, 0.0, 1000), 3);
    CHECK_EQ_I64("count at c = 2i", mandelbrot_point(0.0, 2.0, 1000), 2);
}

static void mandelbrot_grids_by_hand(void)
{
    /* 3 x 3 over [-3, 3]^2: centres at -2, 0, 2 on both axes. Corners have |c|^2 = 8
     * (count 1), +-2 and +-2i take 2 steps, -2 and 0 stay. */
    const int32_t want3[9] = {1, 2, 1, 50, 50, 2, 1, 2, 1};
    int32_t out3[9];
    gillab_mandelbrot(3, 3, 50, -3.0, 3.0, -3.0, 3.0, out3);
    for (int i = 0; i < 9; i++) {
        char what[48];
        snprintf(what, sizeof what, "3x3 grid out[%d] (px %d, py %d)", i, i % 3, i / 3);
        CHECK_EQ_I64(what, out3[i], want3[i]);
    }

    /* A row, 4 x 1 over [-2.5, 1.5] x [-1, 1]: c = -2, -1, 0, 1, so px runs along x. */
    const int32_t want_row[4] = {50, 50, 50, 3};
    int32_t out_row[4];
    gillab_mandelbrot(4, 1, 50, -2.5, 1.5, -1.0, 1.0, out_row);
    for (int i = 0; i < 4; i++) {
        char what[32];
        snprintf(what, sizeof what, "4x1 grid out[%d]", i);
        CHECK_EQ_I64(what, out_row[i], want_row[i]);
    }

    /* A column, 1 x 4 over [-1, 1] x [-2.5, 1.5]: c = -2i, -i, 0, i, so py runs along y
     * from y_min, and the row-major index is py * width + px. */
    const int32_t want_col[4] = {2, 50, 50, 50};
    int32_t out_col[4];
    gillab_mandelbrot(1, 4, 50, -1.0, 1.0, -2.5, 1.5, out_col);
    for (int i = 0; i < 4; i++) {
        char what[32];
        snprintf(what, sizeof what, "1x4 grid out[%d]", i);
        CHECK_EQ_I64(what, out_col[i], want_col[i]);
    }
}

static void mandelbrot_grid_matches_the_reference(void)
{
    /* grid(16, 12, 100, -2.2, 1.0, -1.1, 1.3): not symmetric in y, so a swapped row order
     * would show. */
    static const int32_t want[16 * 12] = {
        1,   1,   2,   2,   3,   3,   3,   3,   4,   5,   9,   4,   3,   2,   2,   2,
        1,   1,   3,   3,   3,   3,   4,   4,   5,   8, 100,   6,   5,   3,   3,   2,
        1,   2,   3,   3,   3,   4,   5,   6, 100, 100, 100, 100,  15,   4,   3,   2,
        1,   3,   3,   4,   7,   7,   7,  11, 100, 100, 100, 100, 100,   5,   3,   3,
        1,   4,   4,   5,   8, 100, 100, 100, 100, 100, 100, 100, 100,   5,   3,   3,
        1,  67,  81, 100, 100, 100, 100, 100, 100, 100, 100, 100,  12,   5,   3,   3,
        1,   4,   4,   5,   8, 100, 100, 100, 100, 100, 100, 100, 100,   5,   3,   3,
        1,   3,   3,   4,   7,   7,   7,  11, 100, 100, 100, 100, 100,   5,   3,   3,
        1,   2,   3,   3,   3,   4,   5,   6, 100, 100, 100, 100,  15,   4,   3,   2,
        1,   1,   3,   3,   3,   3,   4,   4,   5,   8, 100,   6,   5,   3,   3,   2,
        1,   1,   2,   2,   3,   3,   3,   3,   4,   5,   9,   4,   3,   2,   2,   2,
        1,   1,   1,   2,   2,   3,   3,   3,   3,   3,   3,   3,   2,   2,   2,   2,
    };
    int32_t out[16 * 12];
    gillab_mandelbrot(16, 12, 100, -2.2, 1.0, -1.1, 1.3, out);
    for (int i = 0; i < 16 * 12; i++) {
        char what[48];
        snprintf(what, sizeof what, "16x12 grid out[%d] (px %d, py %d)", i, i % 16, i / 16);
        CHECK_EQ_I64(what, out[i], want[i]);
    }
}

static void mandelbrot_chaotic_region_matches_the_reference(void)
{
    /* grid(64, 48, 2000, -0.75, -0.74, 0.10, 0.11): sum of counts 2327188 and FNV-1a fold
     * of the counts (as unsigned 64-bit values, in row-major order) 0x634cb44839f9e2f5. */
    enum { W = 64, H = 48 };
    int32_t *out = malloc(sizeof(int32_t) * W * H);
    CHECK(out != NULL, "cannot allocate the %dx%d grid", W, H);
    if (out == NULL) {
        return;
    }
    gillab_mandelbrot(W, H, 2000, -0.75, -0.74, 0.10, 0.11, out);
    int64_t sum = 0;
    uint64_t h = CHECK_FNV_OFFSET;
    for (int i = 0; i < W * H; i++) {
        sum += out[i];
        h = check_fnv_fold(h, (uint64_t)out[i]);
    }
    CHECK_EQ_I64("sum of the 64x48 chaotic grid", sum, 2327188);
    CHECK_EQ_U64("FNV-1a fold of the 64x48 chaotic grid", h, UINT64_C(0x634cb44839f9e2f5));
    free(out);
}

int main(void)
{
    RUN_CASE(mandelbrot_points_inside_reach_max_iter);
    RUN_CASE(mandelbrot_far_points_escape_at_once);
    RUN_CASE(mandelbrot_points_escaping_after_a_few_steps);
    RUN_CASE(mandelbrot_grids_by_hand);
    RUN_CASE(mandelbrot_grid_matches_the_reference);
    RUN_CASE(mandelbrot_chaotic_region_matches_the_reference);
    return check_exit_code();
}
