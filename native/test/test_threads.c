/*
 * test_threads.c: every kernel run from several threads at once gives the single-thread
 * result.
 *
 * The header promises reentrancy: no static buffers, no shared state. Here each kernel is
 * first run alone to get its reference summary (a 64-bit number: the result itself, or an
 * FNV-1a fold of a result array), then THREADS threads released together by a barrier run
 * all the kernels ROUNDS times, each thread starting at a different kernel so that
 * different kernels overlap, and every summary must match. Like any concurrency test this
 * can only show a fault, not prove there is none; it is most telling in the sanitizer
 * build, where AddressSanitizer also watches every buffer.
 */
/* pthread barriers are POSIX. */
#define _POSIX_C_SOURCE 200809L

#include "gillab.h"

#include "check.h"

#include <pthread.h>
#include <stdlib.h>

enum { THREADS = 8, ROUNDS = 20, JOBS = 10 };

typedef uint64_t (*threads_job_fn)(void);

static uint64_t threads_job_countdown(void)
{
    return gillab_countdown(300000);
}

static uint64_t threads_job_fib(void)
{
    return (uint64_t)gillab_fib(24);
}

static uint64_t threads_job_pi(void)
{
    return check_double_bits(gillab_pi(200000));
}

static uint64_t threads_job_matmul(void)
{
    enum { N = 24 };
    double *a = malloc(sizeof(double) * N * N * 3);
    if (a == NULL) {
        return 0;
    }
    double *b = a + N * N;
    double *c = b + N * N;
    for (int i = 0; i < N * N; i++) {
        a[i] = 1.0 / (double)(i + 1);
        b[i] = (double)(i % 17) - 8.5;
    }
    gillab_matmul(a, b, c, N);
    uint64_t h = CHECK_FNV_OFFSET;
    for (int i = 0; i < N * N; i++) {
        h = check_fnv_fold(h, check_double_bits(c[i]));
    }
    free(a);
    return h;
}

static uint64_t threads_job_mandelbrot(void)
{
    enum { W = 48, H = 32 };
    int32_t *out = malloc(sizeof(int32_t) * W * H);
    if (out == NULL) {
        return 0;
    }
    gillab_mandelbrot(W, H, 500, -2.0, 0.5, -1.25, 1.25, out);
    uint64_t h = CHECK_FNV_OFFSET;
    for (int i = 0; i < W * H; i++) {
        h = check_fnv_fold(h, (uint64_t)out[i]);
    }
    free(out);
    return h;
}

static uint64_t threads_job_sha256(void)
{
    enum { LENGTH = 100000 };
    uint8_t *data = malloc(LENGTH);
    if (data == NULL) {
        return 0;
    }
    for (int i = 0; i < LENGTH; i++) {
        data[i] = (uint8_t)(i * 131 + 17);
    }
    uint8_t digest[32];
    gillab_sha256(data, LENGTH, digest);
    free(data);
    uint64_t h = CHECK_FNV_OFFSET;
    for (int i = 0; i < 32; i++) {
        h = check_fnv_fold(h, digest[i]);
    }
    return h;
}

static uint64_t threads_job_primes(void)
{
    return (uint64_t)gillab_primes(300000);
}

static uint64_t threads_job_add(void)
{
    uint32_t sum = 0;
    for (int32_t i = 0; i < 1000; i++) {
        sum += (uint32_t)gillab_add(INT32_MAX - i, i * 7);
    }
    return sum;
}

static uint64_t threads_job_noop(void)
{
    for (int i = 0; i < 1000; i++) {
        gillab_noop();
    }
    return 1;
}

static uint64_t threads_job_sleep(void)
{
    return (uint64_t)gillab_sleep_micros(500);
}

static const struct {
    const char *name;
    threads_job_fn run;
} threads_jobs[JOBS] = {
    {"countdown", threads_job_countdown}, {"fib", threads_job_fib},
    {"pi", threads_job_pi},               {"matmul", threads_job_matmul},
    {"mandelbrot", threads_job_mandelbrot}, {"sha256", threads_job_sha256},
    {"primes", threads_job_primes},       {"add", threads_job_add},
    {"noop", threads_job_noop},           {"sleep_micros", threads_job_sleep},
};

static uint64_t threads_reference[JOBS];
static pthread_barrier_t threads_start;

struct threads_worker {
    int index;
    int mismatches[JOBS];
    uint64_t first_wrong[JOBS];
};

static void *threads_worker_main(void *argument)
{
    struct threads_worker *worker = argument;
    pthread_barrier_wait(&threads_start);
    for (int round = 0; round < ROUNDS; round++) {
        for (int step = 0; step < JOBS; step++) {
            const int job = (worker->index + step) % JOBS;
            const uint64_t result = threads_jobs[job].run();
            if (result != threads_reference[job] && worker->mismatches[job]++ == 0) {
                worker->first_wrong[job] = result;
            }
        }
    }
    return NULL;
}

static void kernels_agree_across_threads(void)
{
    for (int job = 0; job < JOBS; job++) {
        threads_reference[job] = threads_jobs[job].run();
    }
    /* The allocating jobs return 0 when malloc fails; a reference of 0 would hide that. */
    CHECK(threads_reference[3] != 0 && threads_reference[4] != 0 && threads_reference[5] != 0,
          "an allocation failed while computing the single-thread references");

    static struct threads_worker workers[THREADS];
    pthread_t threads[THREADS];
    CHECK(pthread_barrier_init(&threads_start, NULL, THREADS) == 0, "pthread_barrier_init failed");
    int started = 0;
    for (int t = 0; t < THREADS; t++) {
        workers[t].index = t;
        if (pthread_create(&threads[t], NULL, threads_worker_main, &workers[t]) != 0) {
            break;
        }
        started++;
    }
    /* Every thread waits at the barrier; if one could not start the others would wait for
     * ever, so that case ends the process with a message instead. */
    if (started != THREADS) {
        fprintf(stderr, "only %d of %d threads could be created\n", started, THREADS);
        exit(1);
    }
    for (int t = 0; t < THREADS; t++) {
        pthread_join(threads[t], NULL);
    }
    pthread_barrier_destroy(&threads_start);

    for (int t = 0; t < THREADS; t++) {
        for (int job = 0; job < JOBS; job++) {
            CHECK(workers[t].mismatches[job] == 0,
                  "thread %d: %s gave 0x%016llx in %d of %d runs, alone it gives 0x%016llx", t,
                  threads_jobs[job].name, (unsigned long long)workers[t].first_wrong[job],
                  workers[t].mismatches[job], ROUNDS, (unsigned long long)threads_reference[job]);
        }
    }
}

int main(void)
{
    RUN_CASE(kernels_agree_across_threads);
    return check_exit_code();
}
