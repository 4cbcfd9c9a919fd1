/*
 * test_countdown.c: gillab_countdown against hashes computed independently.
 *
 * The expected values come from a direct Python transcription of the header's definition
 * (arbitrary-precision integers reduced modulo 2^64, so it shares no code and no overflow
 * behaviour with the C kernel):
 *
 *   python3 -c "
 *   h, n = 14695981039346656037, 1000
 *   while n > 0: h = ((h ^ n) * 1099511628211) % 2**64; n -= 1
 *   print(h)"
 *
 * with n = 0, 1, 2, 3, 1000 and 1000000. By definition countdown(1) is also the standard
 * 64-bit FNV-1a hash of the single byte 0x01 (0xaf63bc4c8601b62c).
 */
#include "gillab.h"

#include "check.h"

static void countdown_of_zero_is_the_fnv_offset_basis(void)
{
    CHECK_EQ_U64("countdown(0)", gillab_countdown(0), UINT64_C(14695981039346656037));
}

static void countdown_of_negative_runs_no_iteration(void)
{
    /* `while n > 0` never enters the loop, like countdown(0). */
    CHECK_EQ_U64("countdown(-5)", gillab_countdown(-5), UINT64_C(14695981039346656037));
}

static void countdown_small_values(void)
{
    CHECK_EQ_U64("countdown(1)", gillab_countdown(1), UINT64_C(12638152016183539244));
    CHECK_EQ_U64("countdown(2)", gillab_countdown(2), UINT64_C(592596118541513868));
    CHECK_EQ_U64("countdown(3)", gillab_countdown(3), UINT64_C(16280444588197505475));
}

static void countdown_of_one_thousand(void)
{
    CHECK_EQ_U64("countdown(1000)", gillab_countdown(1000), UINT64_C(13598651055285990549));
}

static void countdown_of_one_million(void)
{
    CHECK_EQ_U64("countdown(1000000)", gillab_countdown(1000000), UINT64_C(14493034499766817701));
}

int main(void)
{
    RUN_CASE(countdown_of_zero_is_the_fnv_offset_basis);
    RUN_CASE(countdown_of_negative_runs_no_iteration);
    RUN_CASE(countdown_small_values);
    RUN_CASE(countdown_of_one_thousand);
    RUN_CASE(countdown_of_one_million);
    return check_exit_code();
}
