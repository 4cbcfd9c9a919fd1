/*
 * test_callbacks.c: gillab_sum_of_callbacks calls its callback once per element, in order,
 * on the calling thread; sums like Java's long addition; stops at the first non-zero
 * return; starts every call from *value = 0; and is reentrant and thread safe.
 *
 * The callbacks here are plain C functions. What they observe (how often and with which
 * indices they were called) goes into file-scope variables, reset by each case, or into
 * _Thread_local ones where several threads call at once.
 */
/* pthread barriers are POSIX. */
#define _POSIX_C_SOURCE 200809L

#include "gillab.h"

#include "check.h"

#include <pthread.h>

enum { RECORDED_MAX = 64 };

/* Calls seen by the recording callbacks: how many, and the index of each of the first ones. */
static int64_t callbacks_calls;
static int64_t callbacks_indices[RECORDED_MAX];
/* The index at which callbacks_stop_at asks to stop. */
static int64_t callbacks_stop_index;

static void callbacks_reset(void)
{
    callbacks_calls = 0;
    memset(callbacks_indices, 0, sizeof callbacks_indices);
}

static void callbacks_record(int64_t i)
{
    if (callbacks_calls < RECORDED_MAX) {
        callbacks_indices[callbacks_calls] = i;
    }
    callbacks_calls++;
}

static int32_t callbacks_identity(int64_t i, int64_t *value)
{
    *value = i;
    return GILLAB_GO_ON;
}

static int32_t callbacks_square(int64_t i, int64_t *value)
{
    *value = i * i;
    return GILLAB_GO_ON;
}

static int32_t callbacks_recording_identity(int64_t i, int64_t *value)
{
    callbacks_record(i);
    *value = i;
    return GILLAB_GO_ON;
}

static int32_t callbacks_stop_at(int64_t i, int64_t *value)
{
    callbacks_record(i);
    /* Stores a value even when it stops: that value must not be added. */
    *value = i == callbacks_stop_index ? 1000000 : i;
    return i == callbacks_stop_index ? GILLAB_STOP : GILLAB_GO_ON;
}

static int32_t callbacks_even_only(int64_t i, int64_t *value)
{
    /* Stores only on even indices: if *value were not reset before each call, every odd
     * index would add its predecessor's value a second time. */
    if (i % 2 == 0) {
        *value = i;
    }
    return GILLAB_GO_ON;
}

static int32_t callbacks_int64_max(int64_t i, int64_t *value)
{
    (void)i;
    *value = INT64_MAX;
    return GILLAB_GO_ON;
}

static int32_t callbacks_int64_min_then_minus_one(int64_t i, int64_t *value)
{
    *value = i == 0 ? INT64_MIN : -1;
    return GILLAB_GO_ON;
}

static int32_t callbacks_nested_sum(int64_t i, int64_t *value)
{
    /* 0 + 1 + ... + (i-1), by a nested call. */
    *value = gillab_sum_of_callbacks(i, callbacks_identity);
    return GILLAB_GO_ON;
}

static void sums_the_value_of_every_element(void)
{
    CHECK_EQ_I64("sum of i*i for i < 1000", gillab_sum_of_callbacks(1000, callbacks_square), 332833500);
    CHECK_EQ_I64("sum of i for i < 1000000", gillab_sum_of_callbacks(1000000, callbacks_identity),
                 INT64_C(499999500000));
    CHECK_EQ_I64("sum of i for i < 1", gillab_sum_of_callbacks(1, callbacks_identity), 0);
}

static void zero_count_calls_nothing_and_returns_zero(void)
{
    callbacks_reset();
    CHECK_EQ_I64("sum over no elements", gillab_sum_of_callbacks(0, callbacks_recording_identity), 0);
    CHECK_EQ_I64("calls for count 0", callbacks_calls, 0);
}

static void calls_each_index_once_in_order(void)
{
    callbacks_reset();
    CHECK_EQ_I64("sum of i for i < 50", gillab_sum_of_callbacks(50, callbacks_recording_identity), 1225);
    CHECK_EQ_I64("calls for count 50", callbacks_calls, 50);
    for (int64_t k = 0; k < 50; k++) {
        CHECK(callbacks_indices[k] == k, "call %lld had index %lld, expected %lld", (long long)k,
              (long long)callbacks_indices[k], (long long)k);
    }
}

static void stops_at_the_first_non_zero_return_without_adding_its_value(void)
{
    callbacks_reset();
    callbacks_stop_index = 5;
    CHECK_EQ_I64("sum when stopped at index 5", gillab_sum_of_callbacks(1000, callbacks_stop_at),
                 0 + 1 + 2 + 3 + 4);
    CHECK_EQ_I64("calls when stopped at index 5 (0..5)", callbacks_calls, 6);

    callbacks_reset();
    callbacks_stop_index = 0;
    CHECK_EQ_I64("sum when stopped at the first call", gillab_sum_of_callbacks(1000, callbacks_stop_at), 0);
    CHECK_EQ_I64("calls when stopped at the first call", callbacks_calls, 1);
}

static void starts_every_call_from_a_zero_value(void)
{
    /* Even i below 100: 0 + 2 + ... + 98 = 2450. */
    CHECK_EQ_I64("sum of even i for i < 100, odd ones storing nothing",
                 gillab_sum_of_callbacks(100, callbacks_even_only), 2450);
}

static void wraps_around_like_java_long_addition(void)
{
    CHECK_EQ_I64("INT64_MAX + INT64_MAX", gillab_sum_of_callbacks(2, callbacks_int64_max), -2);
    CHECK_EQ_I64("INT64_MIN + (-1)", gillab_sum_of_callbacks(2, callbacks_int64_min_then_minus_one), INT64_MAX);
}

static void a_callback_may_call_it_again(void)
{
    /* sum over i < 100 of i(i-1)/2 = C(100, 3) = 161700. */
    CHECK_EQ_I64("nested sums", gillab_sum_of_callbacks(100, callbacks_nested_sum), 161700);
}

/* Each thread's callback adds its own offset, so a callback run on the wrong thread, or a
 * sum shared between threads, would show in the totals. */
enum { THREADS = 8, THREAD_COUNT = 200000 };
static _Thread_local int64_t callbacks_offset;
static pthread_barrier_t callbacks_barrier;

static int32_t callbacks_offset_identity(int64_t i, int64_t *value)
{
    *value = i + callbacks_offset;
    return GILLAB_GO_ON;
}

typedef struct {
    int64_t offset;
    int64_t sum;
} callbacks_thread_job;

static void *callbacks_thread_main(void *arg)
{
    callbacks_thread_job *job = arg;
    callbacks_offset = job->offset;
    pthread_barrier_wait(&callbacks_barrier);
    job->sum = gillab_sum_of_callbacks(THREAD_COUNT, callbacks_offset_identity);
    return NULL;
}

static void threads_each_get_their_own_sum(void)
{
    pthread_t threads[THREADS];
    callbacks_thread_job jobs[THREADS];
    CHECK(pthread_barrier_init(&callbacks_barrier, NULL, THREADS) == 0, "pthread_barrier_init failed");
    for (int t = 0; t < THREADS; t++) {
        jobs[t].offset = 1000 * (int64_t)(t + 1);
        jobs[t].sum = 0;
        CHECK(pthread_create(&threads[t], NULL, callbacks_thread_main, &jobs[t]) == 0, "pthread_create failed");
    }
    for (int t = 0; t < THREADS; t++) {
        pthread_join(threads[t], NULL);
    }
    pthread_barrier_destroy(&callbacks_barrier);
    const int64_t base = (int64_t)THREAD_COUNT * (THREAD_COUNT - 1) / 2;
    for (int t = 0; t < THREADS; t++) {
        char what[64];
        snprintf(what, sizeof what, "thread %d's sum", t);
        CHECK_EQ_I64(what, jobs[t].sum, base + (int64_t)THREAD_COUNT * jobs[t].offset);
    }
}

int main(void)
{
    RUN_CASE(sums_the_value_of_every_element);
    RUN_CASE(zero_count_calls_nothing_and_returns_zero);
    RUN_CASE(calls_each_index_once_in_order);
    RUN_CASE(stops_at_the_first_non_zero_return_without_adding_its_value);
    RUN_CASE(starts_every_call_from_a_zero_value);
    RUN_CASE(wraps_around_like_java_long_addition);
    RUN_CASE(a_callback_may_call_it_again);
    RUN_CASE(threads_each_get_their_own_sum);
    return check_exit_code();
}
