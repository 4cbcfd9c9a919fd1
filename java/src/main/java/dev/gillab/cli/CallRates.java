package dev.gillab.cli;

import dev.gillab.binding.Binding;
import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.kernel.Kernel;
import dev.gillab.kernel.Kernels;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lock.Interpreter;
import dev.gillab.report.CallRate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The headline measurement, small enough for the demo: calls per second of a few kernels at
 * each thread count, interpreted Java holding the lock against the same kernel in C through
 * each binding that loads here, releasing the lock around each call.
 *
 * <p>Each configuration is one {@link ThreadedRun}: every thread makes the same number of
 * calls of a kernel sized to a millisecond or so in C, after an untimed run of as many calls
 * on one thread that loads and compiles it; the rate is all threads' calls over the run's wall time. Interpreted Java
 * holds the lock and polls it, so its threads take turns; released C calls run side by side,
 * up to the number of cores.
 */
public final class CallRates {

    /** The kernels and their sizes: each call lasts about a millisecond in C. */
    private static final List<Sized> KERNELS = List.of(
            new Sized(Kernel.COUNTDOWN, 2_000_000), new Sized(Kernel.PI, 1_000_000),
                    new Sized(Kernel.SHA256, 256 * 1024));

    /** The bindings compared with Java, when they load. */
    private static final List<Binding> BINDINGS = List.of(Binding.JNA, Binding.JNA_DIRECT, Binding.JAVACPP,
            Binding.FFM);

    /** Calls per thread at scale 1. */
    private static final long CALLS = 40;

    private record Sized(Kernel kernel, long size) {
    }

    private CallRates() {
    }

    /** The number of runs {@link #measure} makes with these settings, for a progress bar. */
    public static int steps(LessonSettings settings) {
        return KERNELS.size() * (1 + available().size()) * settings.threadsOr(List.of(1, 2, 4)).size();
    }

    /** Every kernel, Java held and each available binding released, at each of the settings' thread counts. */
    public static List<CallRate> measure(LessonSettings settings) {
        long calls = settings.scaled(CALLS, 4);
        List<CallRate> rates = new ArrayList<>();
        for (Sized k : KERNELS) {
            rates.addAll(rates(settings, k, "java-locked", "hold", calls));
            for (Binding b : available()) {
                rates.addAll(rates(settings, k, b.id(), "release", calls));
            }
        }
        return rates;
    }

    private static List<Binding> available() {
        return BINDINGS.stream().filter(b -> b.unavailableReason().isEmpty()).toList();
    }

    private static List<CallRate> rates(LessonSettings settings, Sized k, String binding, String lock, long calls) {
        List<CallRate> rates = new ArrayList<>();
        boolean warm = false;
        for (int threads : settings.threadsOr(List.of(1, 2, 4))) {
            Interpreter interpreter = settings.interpreter();
            Kernels kernels = lock.equals("hold") ? KernelsUnderLock.interpreted(interpreter)
                    : KernelsUnderLock.releasing(interpreter, Binding.byId(binding));
            Supplier<Object> call = k.kernel().prepare(kernels, k.size(), Kernel.DEFAULT_MAX_ITER);
            if (!warm) {
                ThreadedRun.run(interpreter, 1, "warm-up", i -> {
                    for (long c = 0; c < calls; c++) {
                        call.get();
                    }
                });
                warm = true;
            }
            Measurement m = ThreadedRun.run(interpreter, threads, "rate", i -> {
                for (long c = 0; c < calls; c++) {
                    call.get();
                }
            });
            rates.add(new CallRate(k.kernel().id(), binding, lock, threads, threads * calls * 1e9 / m.wallNanos()));
            settings.progress().stepDone(k.kernel().id() + ", " + binding + ", " + threads + " threads");
        }
        return rates;
    }
}
