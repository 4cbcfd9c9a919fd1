package dev.gillab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class CheckedKernelsTest {

    /** A delegate that fails the test if any kernel is ever called on it. */
    private static final Kernels UNREACHABLE = (Kernels) Proxy.newProxyInstance(
            Kernels.class.getClassLoader(), new Class<?>[] {Kernels.class},
            (proxy, method, args) -> {
                if (method.getName().equals("name")) {
                    return "unreachable";
                }
                throw new AssertionError(method.getName() + " reached the delegate with bad input");
            });

    @TestFactory
    Stream<DynamicTest> rejectsEveryBadInputBeforeCallingTheDelegate() {
        Kernels checked = new CheckedKernels(UNREACHABLE);
        return BadInputs.all().stream()
                .map(c -> dynamicTest(c.displayName(), () -> c.assertRejectedBy(checked)));
    }

    @Test
    void passesValidArgumentsAndResultsThroughUnchanged() {
        Recorder recorder = new Recorder();
        Kernels checked = new CheckedKernels(recorder.kernels);
        double[] a = {1, 2, 3, 4};
        double[] b = {5, 6, 7, 8};
        byte[] data = {1, 2, 3};
        Region region = Region.FULL_SET;

        assertThat(checked.name()).as("name").isEqualTo("recorder");
        assertThat(checked.countdown(7)).as("countdown result").isEqualTo(Recorder.LONG);
        assertThat(checked.fib(9)).as("fib result").isEqualTo(Recorder.LONG);
        assertThat(checked.pi(11)).as("pi result").isEqualTo(Recorder.DOUBLE);
        assertThat(checked.matmul(a, b, 2)).as("matmul result").isSameAs(Recorder.DOUBLES);
        assertThat(checked.mandelbrot(3, 4, 5, region)).as("mandelbrot result").isSameAs(Recorder.INTS);
        assertThat(checked.sha256(data)).as("sha256 result").isSameAs(Recorder.BYTES);
        assertThat(checked.primes(13)).as("primes result").isEqualTo(Recorder.INT);
        assertThat(checked.sum(a, 3)).as("sum result").isEqualTo(Recorder.DOUBLE);
        checked.noop();
        assertThat(checked.add(Integer.MAX_VALUE, 1)).as("add result").isEqualTo(Recorder.INT);
        checked.sleepMicros(0);

        assertThat(recorder.calls).as("calls seen by the delegate").containsExactly(
                "name()",
                "countdown(7)",
                "fib(9)",
                "pi(11)",
                "matmul(" + System.identityHashCode(a) + ", " + System.identityHashCode(b) + ", 2)",
                "mandelbrot(3, 4, 5, " + region + ")",
                "sha256(" + System.identityHashCode(data) + ")",
                "primes(13)",
                "sum(" + System.identityHashCode(a) + ", 3)",
                "noop()",
                "add(2147483647, 1)",
                "sleepMicros(0)");
    }

    @Test
    void refusesANullDelegate() {
        assertThatThrownBy(() -> new CheckedKernels(null))
                .isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("delegate must not be null");
    }

    /** A delegate that records each call (arrays by identity) and returns fixed sentinels. */
    private static final class Recorder {
        static final long LONG = 0x5EED_5EEDL;
        static final double DOUBLE = 1.25;
        static final int INT = 4711;
        static final double[] DOUBLES = {};
        static final int[] INTS = {};
        static final byte[] BYTES = {};

        final List<String> calls = new ArrayList<>();
        final Kernels kernels = (Kernels) Proxy.newProxyInstance(
                Kernels.class.getClassLoader(), new Class<?>[] {Kernels.class},
                (proxy, method, args) -> {
                    calls.add(method.getName() + "(" + describe(args) + ")");
                    return result(method);
                });

        private static String describe(Object[] args) {
            if (args == null) {
                return "";
            }
            return String.join(", ", Arrays.stream(args)
                    .map(arg -> arg != null && arg.getClass().isArray()
                            ? String.valueOf(System.identityHashCode(arg)) : String.valueOf(arg))
                    .toList());
        }

        private static Object result(Method method) {
            return switch (method.getName()) {
                case "name" -> "recorder";
                case "countdown", "fib" -> LONG;
                case "pi", "sum" -> DOUBLE;
                case "matmul" -> DOUBLES;
                case "mandelbrot" -> INTS;
                case "sha256" -> BYTES;
                case "primes", "add" -> INT;
                case "noop", "sleepMicros" -> null;
                default -> throw new AssertionError("unexpected call " + method);
            };
        }
    }
}
