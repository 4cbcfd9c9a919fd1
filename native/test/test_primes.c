/*
 * test_primes.c: gillab_primes against the prime-counting function pi(x), primes < limit.
 *
 * Known counts: below 10 there are 4 primes (2, 3, 5, 7), below 100 there are 25, below
 * 10^6 there are 78498 and below 10^7 664579 (OEIS A006880). Small limits are checked
 * against trial division, an independent method.
 */
/* fork, waitpid and setrlimit are POSIX. */
#define _POSIX_C_SOURCE 200809L

#include "gillab.h"

#include "check.h"

#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static void primes_known_counts(void)
{
    static const struct {
        int32_t limit;
        int32_t count;
    } table[] = {
        {0, 0}, {1, 0}, {2, 0}, {3, 1}, {4, 2}, {10, 4}, {11, 4}, {12, 5},
        {100, 25}, {1000000, 78498}, {10000000, 664579},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        char what[48];
        snprintf(what, sizeof what, "primes(%d)", (int)table[i].limit);
        CHECK_EQ_I64(what, gillab_primes(table[i].limit), table[i].count);
    }
}

static int primes_is_prime_by_trial_division(int32_t n)
{
    if (n < 2) {
        return 0;
    }
    for (int32_t d = 2; d * d <= n; d++) {
        if (n % d == 0) {
            return 0;
        }
    }
    return 1;
}

static void primes_match_trial_division_up_to_2000(void)
{
    /* Also crosses every square of a prime below 2000, where the sieve's p * p start and
     * its < limit bound meet. */
    int32_t count = 0;
    for (int32_t limit = 0; limit <= 2000; limit++) {
        char what[48];
        snprintf(what, sizeof what, "primes(%d)", (int)limit);
        CHECK_EQ_I64(what, gillab_primes(limit), count);
        count += primes_is_prime_by_trial_division(limit);
    }
}

static void primes_returns_minus_one_when_the_sieve_cannot_be_allocated(void)
{
#if defined(__SANITIZE_ADDRESS__)
    /* AddressSanitizer reserves terabytes of shadow memory and cannot run under an
     * address-space limit; the plain build runs this case. */
    check_skip("AddressSanitizer cannot run under an address-space limit");
#else
    /* In a child process, so the limit does not outlive the case: with 256 MiB of address
     * space a sieve of INT32_MAX bytes (2 GiB) cannot be allocated. */
    fflush(NULL);
    const pid_t child = fork();
    CHECK(child >= 0, "fork failed");
    if (child == 0) {
        const struct rlimit limit = {256u << 20, 256u << 20};
        if (setrlimit(RLIMIT_AS, &limit) != 0) {
            _exit(2);
        }
        _exit(gillab_primes(INT32_MAX) == -1 ? 0 : 1);
    }
    if (child > 0) {
        int status = 0;
        CHECK(waitpid(child, &status, 0) == child, "waitpid failed");
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) != 2, "the child could not set RLIMIT_AS");
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "primes(INT32_MAX) under a 256 MiB address-space limit did not return -1 "
              "(child status 0x%x)", (unsigned)status);
    }
#endif
}

int main(void)
{
    RUN_CASE(primes_known_counts);
    RUN_CASE(primes_match_trial_division_up_to_2000);
    RUN_CASE(primes_returns_minus_one_when_the_sieve_cannot_be_allocated);
    return check_exit_code();
}
