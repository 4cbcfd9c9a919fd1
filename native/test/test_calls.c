/*
 * test_calls.c: the calls that exist to be measured: gillab_noop, gillab_add and
 * gillab_sleep_micros.
 *
 * Sleep times are read from CLOCK_MONOTONIC, which no clock adjustment can move. The
 * lower bounds are strict (nanosleep never returns early without an error); the upper
 * bound for a zero sleep is generous because a loaded machine may deschedule the thread.
 */
/* clock_gettime, sigaction and setitimer are POSIX (setitimer is XSI). */
#define _XOPEN_SOURCE 700

#include "gillab.h"

#include "check.h"

#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static int64_t calls_now_nanos(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

static void noop_returns(void)
{
    /* Nothing to observe but that it returns, many times over. */
    for (int i = 0; i < 1000; i++) {
        gillab_noop();
    }
}

static void add_wraps_around_like_twos_complement(void)
{
    CHECK_EQ_I64("add(2, 3)", gillab_add(2, 3), 5);
    CHECK_EQ_I64("add(-7, 3)", gillab_add(-7, 3), -4);
    CHECK_EQ_I64("add(0, 0)", gillab_add(0, 0), 0);
    CHECK_EQ_I64("add(INT32_MAX, 1)", gillab_add(INT32_MAX, 1), INT32_MIN);
    CHECK_EQ_I64("add(INT32_MIN, -1)", gillab_add(INT32_MIN, -1), INT32_MAX);
    CHECK_EQ_I64("add(INT32_MAX, INT32_MAX)", gillab_add(INT32_MAX, INT32_MAX), -2);
    CHECK_EQ_I64("add(INT32_MIN, INT32_MIN)", gillab_add(INT32_MIN, INT32_MIN), 0);
    CHECK_EQ_I64("add(INT32_MAX, INT32_MIN)", gillab_add(INT32_MAX, INT32_MIN), -1);
}

static void sleep_zero_returns_at_once(void)
{
    const int64_t start = calls_now_nanos();
    const int32_t result = gillab_sleep_micros(0);
    const int64_t elapsed = calls_now_nanos() - start;
    CHECK_EQ_I64("sleep_micros(0) result", result, 0);
    CHECK(elapsed < 50 * 1000000, "sleep_micros(0) took %lld ns, expected well under 50 ms",
          (long long)elapsed);
}

static void sleep_2000_micros_takes_at_least_2_ms(void)
{
    const int64_t start = calls_now_nanos();
    const int32_t result = gillab_sleep_micros(2000);
    const int64_t elapsed = calls_now_nanos() - start;
    CHECK_EQ_I64("sleep_micros(2000) result", result, 0);
    CHECK(elapsed >= 2000000, "sleep_micros(2000) took %lld ns, less than 2 ms",
          (long long)elapsed);
}

static void sleep_over_a_second_splits_seconds_and_nanoseconds(void)
{
    /* 1.05 s: tv_sec = 1, tv_nsec = 50 000 000. A wrong split (e.g. nanoseconds >= 10^9)
     * would fail with EINVAL. */
    const int64_t start = calls_now_nanos();
    const int32_t result = gillab_sleep_micros(1050000);
    const int64_t elapsed = calls_now_nanos() - start;
    CHECK_EQ_I64("sleep_micros(1050000) result", result, 0);
    CHECK(elapsed >= 1050000000, "sleep_micros(1050000) took %lld ns, less than 1.05 s",
          (long long)elapsed);
}

static volatile sig_atomic_t calls_alarms;

static void calls_on_alarm(int signal_number)
{
    (void)signal_number;
    calls_alarms++;
}

static void sleep_resumes_after_signals(void)
{
    /* SIGALRM every millisecond, handled without SA_RESTART, interrupts nanosleep about 30
     * times during a 30 ms sleep. Each time gillab_sleep_micros must go on with the remaining
     * time: returning early, or EINTR, fails the check. */
    struct sigaction action;
    struct sigaction previous;
    memset(&action, 0, sizeof action);
    action.sa_handler = calls_on_alarm;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    CHECK(sigaction(SIGALRM, &action, &previous) == 0, "sigaction(SIGALRM) failed");

    const struct itimerval every_ms = {{0, 1000}, {0, 1000}};
    const struct itimerval off = {{0, 0}, {0, 0}};
    calls_alarms = 0;
    CHECK(setitimer(ITIMER_REAL, &every_ms, NULL) == 0, "setitimer failed");
    const int64_t start = calls_now_nanos();
    const int32_t result = gillab_sleep_micros(30000);
    const int64_t elapsed = calls_now_nanos() - start;
    setitimer(ITIMER_REAL, &off, NULL);
    sigaction(SIGALRM, &previous, NULL);

    CHECK_EQ_I64("sleep_micros(30000) result under SIGALRM", result, 0);
    CHECK(calls_alarms >= 2, "only %d SIGALRM arrived during the sleep, too few to show that "
                             "it goes on after interruptions", (int)calls_alarms);
    CHECK(elapsed >= 30000000, "sleep_micros(30000) interrupted %d times took %lld ns, less "
                               "than 30 ms", (int)calls_alarms, (long long)elapsed);
}

int main(void)
{
    RUN_CASE(noop_returns);
    RUN_CASE(add_wraps_around_like_twos_complement);
    RUN_CASE(sleep_zero_returns_at_once);
    RUN_CASE(sleep_2000_micros_takes_at_least_2_ms);
    RUN_CASE(sleep_over_a_second_splits_seconds_and_nanoseconds);
    RUN_CASE(sleep_resumes_after_signals);
    return check_exit_code();
}
