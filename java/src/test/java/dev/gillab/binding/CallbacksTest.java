package dev.gillab.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract of {@link Callbacks}, for every binding: native code calls the function once per
 * element, in order, on the calling thread, and sums like a Java loop; bad input is rejected
 * before anything crosses into C; a function that throws stops the native loop and its very
 * exception comes out of {@code sumOfCallbacks}, with the JVM and the binding unharmed.
 */
class CallbacksTest {

    private static final String BINDINGS = "dev.gillab.binding.BindingsUnderTest#all";

    /** The sum as a plain Java loop computes it: what every binding must return. */
    private static long javaSum(long count, LongUnaryOperator fn) {
        long sum = 0;
        for (long i = 0; i < count; i++) {
            sum += fn.applyAsLong(i);
        }
        return sum;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void namesItsFamily(Binding binding) {
        assertThat(binding.callbacks().name()).as("%s: callbacks().name()", binding)
                .isEqualTo(binding.id().replace("-direct", "").replace("-memory", "").replace("-critical", "")
                        .replace("-noexception", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void sumsTheFunctionOfEveryElementLikeAJavaLoop(Binding binding) {
        Callbacks callbacks = binding.callbacks();
        List<LongUnaryOperator> functions = List.of(
                i -> i,
                i -> i * i,
                i -> -3 * i + 7,
                i -> (i * 0x9E3779B97F4A7C15L) ^ (i >>> 7),
                i -> Long.MAX_VALUE);
        for (int f = 0; f < functions.size(); f++) {
            for (long count : new long[] {1, 2, 3, 1000, 20_000}) {
                LongUnaryOperator fn = functions.get(f);
                assertThat(callbacks.sumOfCallbacks(count, fn)).as("%s: function %d over %d elements", binding, f,
                        count)
                        .isEqualTo(javaSum(count, fn));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void wrapsAroundLikeLongAddition(Binding binding) {
        assertThat(binding.callbacks().sumOfCallbacks(2, i -> Long.MAX_VALUE)).as("%s: MAX + MAX", binding)
                .isEqualTo(-2L);
        assertThat(binding.callbacks().sumOfCallbacks(2, i -> i == 0 ? Long.MIN_VALUE : -1)).as("%s: MIN + -1", binding)
                .isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void zeroElementsCallNothingAndSumToZero(Binding binding) {
        List<Long> seen = new ArrayList<>();
        assertThat(binding.callbacks().sumOfCallbacks(0, i -> {
            seen.add(i);
            return 1;
        })).as("%s: sum over no elements", binding).isZero();
        assertThat(seen).as("%s: calls for count 0", binding).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void callsEachIndexOnceInOrderOnTheCallingThread(Binding binding) {
        List<Long> indices = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        binding.callbacks().sumOfCallbacks(100, i -> {
            indices.add(i);
            threads.add(Thread.currentThread());
            return i;
        });
        assertThat(indices).as("%s: indices in call order", binding)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 100).boxed().toList());
        assertThat(threads).as("%s: threads the callbacks ran on", binding).containsOnly(Thread.currentThread());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void rejectsBadInputBeforeCallingAnything(Binding binding) {
        Callbacks callbacks = binding.callbacks();
        List<Long> seen = new ArrayList<>();
        LongUnaryOperator recording = i -> {
            seen.add(i);
            return i;
        };
        assertThatThrownBy(() -> callbacks.sumOfCallbacks(-1, recording)).as("%s: count -1", binding)
                .isInstanceOf(IllegalArgumentException.class).hasMessage("count must be >= 0, was -1");
        assertThatThrownBy(() -> callbacks.sumOfCallbacks(Long.MIN_VALUE, recording)).as("%s: count MIN", binding)
                .isInstanceOf(IllegalArgumentException.class).hasMessage("count must be >= 0, was " + Long.MIN_VALUE);
        assertThatThrownBy(() -> callbacks.sumOfCallbacks(10, null)).as("%s: null fn", binding)
                .isInstanceOf(NullPointerException.class).hasMessage("fn must not be null");
        assertThat(seen).as("%s: calls made for bad input", binding).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void aThrowingFunctionStopsTheLoopAndItsExceptionComesOutAsIs(Binding binding) {
        Callbacks callbacks = binding.callbacks();
        IllegalStateException boom = new IllegalStateException("element 7 is bad");
        List<Long> seen = new ArrayList<>();
        Throwable thrown = catchThrowable(() -> callbacks.sumOfCallbacks(1_000_000, i -> {
            seen.add(i);
            if (i == 7) {
                throw boom;
            }
            return i;
        }));
        assertThat(thrown).as("%s: what sumOfCallbacks threw", binding).isSameAs(boom);
        assertThat(seen).as("%s: elements computed (none after the throw)", binding).hasSize(8);
        assertThat(callbacks.sumOfCallbacks(1000, i -> i)).as("%s: a sum after the failure", binding)
                .isEqualTo(499_500L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void errorsAndCheckedExceptionsComeOutAsIsToo(Binding binding) {
        Callbacks callbacks = binding.callbacks();
        AssertionError error = new AssertionError("an error in the callback");
        assertThat(catchThrowable(() -> callbacks.sumOfCallbacks(10, i -> {
            throw error;
        }))).as("%s: an Error", binding).isSameAs(error);
        IOException checked = new IOException("a checked exception thrown through the callback");
        assertThat(catchThrowable(() -> callbacks.sumOfCallbacks(10, i -> sneakyThrow(checked))))
                .as("%s: a checked exception", binding).isSameAs(checked);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void aFunctionMayCallBackInAgainAndEachLevelSeesItsOwnFunction(Binding binding) {
        Callbacks callbacks = binding.callbacks();
        // sum over i < 60 of (0 + 1 + ... + i-1) = C(60, 3) = 34220
        assertThat(callbacks.sumOfCallbacks(60, i -> callbacks.sumOfCallbacks(i, j -> j)))
                .as("%s: nested sums", binding).isEqualTo(34_220L);
        RuntimeException inner = new RuntimeException("thrown two levels down");
        assertThat(catchThrowable(() -> callbacks.sumOfCallbacks(10, i -> callbacks.sumOfCallbacks(10, j -> {
            if (i == 3 && j == 4) {
                throw inner;
            }
            return j;
        })))).as("%s: an exception from the inner level", binding).isSameAs(inner);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BINDINGS)
    void threadsCallingAtOnceEachGetTheirOwnSum(Binding binding) throws Exception {
        Callbacks callbacks = binding.callbacks();
        int threads = 4;
        long count = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Long>> sums = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long offset = 1000L * (t + 1);
                sums.add(pool.submit(() -> {
                    start.await();
                    return callbacks.sumOfCallbacks(count, i -> i + offset);
                }));
            }
            start.countDown();
            for (int t = 0; t < threads; t++) {
                long offset = 1000L * (t + 1);
                assertThat(sums.get(t).get()).as("%s: thread %d's sum", binding, t)
                        .isEqualTo(count * (count - 1) / 2 + count * offset);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> long sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}
