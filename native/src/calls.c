/*
 * calls.c: the calls of gillab.h that exist to be measured rather than to compute.
 *
 * gillab_noop and gillab_add are the floor of a native call's cost, without and with
 * arguments and a result. gillab_sleep_micros is the simulated blocking I/O call: the
 * thread sits in the kernel for a set time, which is what a Java wrapper should release
 * the interpreter lock around, the way CPython releases the GIL around read(2) or sleep.
 */
/* nanosleep(2) is POSIX, not ISO C; ask for it whether or not GNU extensions are on. */
#define _POSIX_C_SOURCE 200809L

#include "gillab.h"

#include <errno.h>
#include <time.h>

void gillab_noop(void)
{
}

int32_t gillab_add(int32_t a, int32_t b)
{
    /* Signed overflow is undefined in C, so add as unsigned (defined modulo 2^32) and
     * convert back; GCC and Clang define that conversion as two's complement, which
     * matches Java's int addition. */
    return (int32_t)((uint32_t)a + (uint32_t)b);
}

int32_t gillab_sleep_micros(int64_t micros)
{
    struct timespec request;
    struct timespec remaining;
    request.tv_sec = (time_t)(micros / 1000000);
    request.tv_nsec = (long)(micros % 1000000) * 1000L;
    /* A signal handler cuts nanosleep short with EINTR and reports the time still to
     * sleep; resuming with that remainder keeps the total close to what was asked, where
     * restarting with the full request would oversleep on every signal. */
    while (nanosleep(&request, &remaining) != 0) {
        if (errno != EINTR) {
            return (int32_t)errno;
        }
        request = remaining;
    }
    return 0;
}
