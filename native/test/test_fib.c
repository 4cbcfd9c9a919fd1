/*
 * test_fib.c: gillab_fib against the published Fibonacci numbers and an iterative sum.
 *
 * The table values are those of OEIS A000045 (F(0) = 0, F(1) = 1). The naive recursion
 * makes about 1.618^n calls, so fib(50) takes tens of seconds even optimised: it is its own
 * CTest test (gillab.fib.fifty, label "slow", run as `test_fib --slow`) and the other cases
 * stay fast enough for the sanitizer build.
 */
#include "gillab.h"

#include "check.h"

#include <stdio.h>
#include <string.h>

static void fib_matches_the_known_table(void)
{
    static const struct {
        int32_t n;
        int64_t value;
    } table[] = {
        {0, 0}, {1, 1}, {2, 1}, {3, 2}, {10, 55}, {20, 6765}, {30, 832040}, {40, 102334155},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        char what[32];
        snprintf(what, sizeof what, "fib(%d)", (int)table[i].n);
        CHECK_EQ_I64(what, gillab_fib(table[i].n), table[i].value);
    }
}

static void fib_matches_the_iterative_sum_up_to_32(void)
{
    /* A second, independent route: F(n) = F(n-1) + F(n-2) by iteration. */
    int64_t previous = 1; /* F(-1), so that F(1) = F(0) + F(-1) */
    int64_t current = 0;  /* F(0) */
    for (int32_t n = 0; n <= 32; n++) {
        char what[32];
        snprintf(what, sizeof what, "fib(%d)", (int)n);
        CHECK_EQ_I64(what, gillab_fib(n), current);
        const int64_t next = current + previous;
        previous = current;
        current = next;
    }
}

static void fib_of_fifty(void)
{
    CHECK_EQ_I64("fib(50)", gillab_fib(50), INT64_C(12586269025));
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--slow") == 0) {
        RUN_CASE(fib_of_fifty);
    } else {
        RUN_CASE(fib_matches_the_known_table);
        RUN_CASE(fib_matches_the_iterative_sum_up_to_32);
    }
    return check_exit_code();
}
