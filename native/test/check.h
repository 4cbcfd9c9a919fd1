/*
 * check.h: the small test harness shared by the C unit tests of gillab.
 *
 * Each test program is one theme (countdown, sha256, ...) made of named cases. A case is a
 * plain function; the CHECK_* macros record a failure with the file, line, case name and
 * both values, and let the case go on so one run reports every wrong value. main() runs
 * the cases with RUN_CASE and returns check_exit_code(): CTest sees a non-zero exit status
 * and prints the messages (test presets use output-on-failure).
 *
 * Everything is static inline or a macro, so each test program includes this header once
 * and needs no library of its own.
 */
#ifndef GILLAB_CHECK_H
#define GILLAB_CHECK_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Failures of the whole program and of the running case, and the running case's name. */
static int check_failures_total;
static int check_failures_case;
static int check_skipped_case;
static const char *check_case_name = "(none)";

/* Marks the running case as skipped, with the reason, for a build where it cannot run. */
static inline void check_skip(const char *reason)
{
    check_skipped_case = 1;
    fprintf(stderr, "[%s] skipped: %s\n", check_case_name, reason);
}

static inline void check_fail_header(const char *file, int line)
{
    check_failures_total++;
    check_failures_case++;
    fprintf(stderr, "%s:%d: [%s] FAILED: ", file, line, check_case_name);
}

/* A boolean condition with a printf-style message saying what was expected. */
#define CHECK(cond, ...)                                                                    \
    do {                                                                                    \
        if (!(cond)) {                                                                      \
            check_fail_header(__FILE__, __LINE__);                                          \
            fprintf(stderr, __VA_ARGS__);                                                   \
            fputc('\n', stderr);                                                            \
        }                                                                                   \
    } while (0)

#define CHECK_EQ_I64(what, got, want)                                                       \
    do {                                                                                    \
        const int64_t check_got_ = (got), check_want_ = (want);                             \
        CHECK(check_got_ == check_want_, "%s = %" PRId64 ", expected %" PRId64, (what),      \
              check_got_, check_want_);                                                     \
    } while (0)

#define CHECK_EQ_U64(what, got, want)                                                       \
    do {                                                                                    \
        const uint64_t check_got_ = (got), check_want_ = (want);                            \
        CHECK(check_got_ == check_want_,                                                    \
              "%s = %" PRIu64 " (0x%016" PRIx64 "), expected %" PRIu64 " (0x%016" PRIx64 ")", \
              (what), check_got_, check_got_, check_want_, check_want_);                    \
    } while (0)

/* Bit-for-bit equality of doubles: the kernels promise identical bits, not closeness. */
static inline uint64_t check_double_bits(double x)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    return bits;
}

#define CHECK_SAME_DOUBLE(what, got, want)                                                  \
    do {                                                                                    \
        const double check_got_ = (got), check_want_ = (want);                              \
        CHECK(check_double_bits(check_got_) == check_double_bits(check_want_),               \
              "%s = %.17g (%a), expected exactly %.17g (%a)", (what), check_got_,           \
              check_got_, check_want_, check_want_);                                        \
    } while (0)

/* The 64-bit FNV-1a fold used to summarise long results (grids, matrices) in one number
 * that the reference computation can reproduce. */
static inline uint64_t check_fnv_fold(uint64_t h, uint64_t value)
{
    return (h ^ value) * UINT64_C(1099511628211);
}
#define CHECK_FNV_OFFSET UINT64_C(14695981039346656037)

/* Runs one case, prints ok/FAIL/skip with its name. */
#define RUN_CASE(fn)                                                                        \
    do {                                                                                    \
        check_case_name = #fn;                                                              \
        check_failures_case = 0;                                                            \
        check_skipped_case = 0;                                                             \
        fn();                                                                               \
        fprintf(stderr, "%s %s\n", check_failures_case != 0 ? "FAIL"                        \
                                   : check_skipped_case      ? "skip"                        \
                                                             : "ok  ",                       \
                #fn);                                                                       \
    } while (0)

static inline int check_exit_code(void)
{
    if (check_failures_total != 0) {
        fprintf(stderr, "%d check(s) failed\n", check_failures_total);
        return 1;
    }
    return 0;
}

#endif /* GILLAB_CHECK_H */
