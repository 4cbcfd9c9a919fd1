package dev.gillab.report;

import dev.gillab.report.Headline.Direction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The figures a benchmark run is judged by, computed from its JMH results. Each needs its
 * suite in the results; a figure whose entries are missing is left out.
 *
 * <ul>
 *   <li>Scaling, at the core count (the largest thread count measured that the machine has
 *       cores for): the worst speedup of native code with the lock released, against the
 *       ideal (the thread count); and the median speedup of locked Java, which should stay
 *       near 1x as CPython's does.</li>
 *   <li>Lock costs: an uncontended release + re-take (switch mode) in ns, and its ratio to a
 *       bare {@code ReentrantLock} unlock + lock; the median hand-off latency.</li>
 *   <li>Call overhead: each binding's {@code noop} and {@code add} against FFM's (the
 *       calls made bare, when the suite also measures them released), and what releasing
 *       the lock around an FFM {@code noop} adds.</li>
 * </ul>
 */
public final class Headlines {

    /**
     * Published cost of a {@code void f(void)} call relative to FFM's (Glavo's
     * java-ffi-benchmark, JDK 21, Ryzen 5800X: FFM 3.1 ns, FFM critical 2.2, JNA direct 48.6,
     * JNA interface 51.6), shown beside the measured ratios: machines differ, ratios compare.
     */
    private static final Map<String, Double> PUBLISHED_NOOP_OVER_FFM = Map.of(
            "jna", 51.6 / 3.1, "jna-direct", 48.6 / 3.1, "ffm-critical", 2.2 / 3.1);


    private Headlines() {
    }

    /** The headline figures of {@code results} on a machine of {@code cores} cores. */
    public static List<Headline> of(JmhResults results, int cores) {
        List<Headline> figures = new ArrayList<>();
        scaling(Speedup.of(results), cores, figures);
        lockCosts(results, figures);
        callOverhead(results, figures);
        return figures;
    }

    /** The thread count the scaling figures are read at: the largest measured that is at most {@code cores}. */
    static int coreThreads(List<Speedup> speedups, int cores) {
        return speedups.stream().mapToInt(Speedup::threads).filter(t -> t > 1 && t <= cores).max().orElse(0);
    }

    private static void scaling(List<Speedup> speedups, int cores, List<Headline> figures) {
        int n = coreThreads(speedups, cores);
        if (n == 0) {
            return;
        }
        List<Speedup> released = speedups.stream().filter(s -> s.threads() == n && s.nativeReleased())
                .sorted(Comparator.comparingDouble(Speedup::speedup)).toList();
        if (!released.isEmpty()) {
            Speedup worst = released.get(0);
            figures.add(new Headline(String.format(Locale.ROOT,
                    "native released speedup at %d threads (worst; ideal %dx)", n, n),
                    worst.speedup(), "x", Direction.HIGHER_IS_BETTER,
                    String.format(Locale.ROOT, "%s; %.0f%% of ideal; median of %d: %.2fx", worst.describe(),
                            100 * worst.speedup() / n, released.size(), median(released))));
        }
        // Interpreted Java holding the lock; java-locked with lock=release is Java run released
        // (a Cython nogil block), which scales like native code and is no "locked" figure.
        List<Speedup> locked = speedups.stream().filter(s -> s.threads() == n && s.param("binding")
                .equals("java-locked")
                        && !"release".equals(s.param("lock")))
                .sorted(Comparator.comparingDouble(Speedup::speedup)).toList();
        if (!locked.isEmpty()) {
            figures.add(new Headline(String.format(Locale.ROOT, "locked Java speedup at %d threads (median)", n),
                    median(locked), "x", Direction.NEITHER,
                    String.format(Locale.ROOT, "Java holding the lock, %d kernels, %.2fx to %.2fx (CPython: about 1x)",
                            locked.size(), locked.get(0).speedup(), locked.get(locked.size() - 1).speedup())));
        }
    }

    private static void lockCosts(JmhResults results, List<Headline> figures) {
        List<JmhResult> uncontended = results.suite("UncontendedReleaseBenchmark");
        JmhResult release = uncontended.stream().filter(e -> e.method().equals("releaseAndRetake"))
                .filter(e -> Objects.equals(e.param("mode"), "switch")).findFirst()
                .orElse(uncontended.stream().filter(e -> e.method().equals("releaseAndRetake")).findFirst()
                .orElse(null));
        JmhResult reentrant = uncontended.stream().filter(e -> e.method().equals("reentrantLock")).findFirst()
                .orElse(null);
        if (release != null) {
            figures.add(new Headline("release + re-take", release.score(), unitOf(release), Direction.LOWER_IS_BETTER,
                    "UncontendedReleaseBenchmark." + release.label()));
            if (reentrant != null && reentrant.score() > 0) {
                figures.add(new Headline("release + re-take / ReentrantLock unlock + lock",
                        release.score() / reentrant.score(),
                        "x", Direction.LOWER_IS_BETTER, String.format(Locale.ROOT, "%s against %s",
                                release.scoreText(), reentrant.scoreText())));
            }
        }
        JmhResult handOff = results.find(e -> e.suite().equals("HandOffBenchmark") && e.method().equals("handOff")
                && e.percentiles().containsKey(50.0));
        if (handOff != null) {
            figures.add(new Headline("hand-off latency, median", handOff.percentiles().get(50.0), unitOf(handOff),
                    Direction.LOWER_IS_BETTER, "HandOffBenchmark." + handOff.label() + ", 50th percentile"));
        }
    }

    private static void callOverhead(JmhResults results, List<Headline> figures) {
        List<JmhResult> calls = results.suite("CallOverheadBenchmark");
        for (String method : List.of("noop", "add")) {
            List<JmhResult> bare = calls.stream().filter(e -> e.method().equals(method))
                    .filter(e -> e.param("around") == null || e.param("around").equals("bare")).toList();
            JmhResult ffm = bare.stream().filter(e -> Objects.equals(e.param("binding"), "ffm")).findFirst()
                    .orElse(null);
            if (ffm == null || ffm.score() <= 0) {
                continue;
            }
            for (JmhResult e : bare) {
                if (e != ffm) {
                    Double published = method.equals("noop") ? PUBLISHED_NOOP_OVER_FFM.get(e.param("binding")) : null;
                    figures.add(new Headline(e.param("binding") + " " + method + " / ffm " + method,
                            e.score() / ffm.score(),
                            "x", Direction.LOWER_IS_BETTER, e.scoreText() + " against " + ffm.scoreText()
                                    + (published == null ? "" : String.format(Locale.ROOT,
                                            "; published: %.2fx (Glavo java-ffi-benchmark, JDK 21, Ryzen 5800X)",
                                                    published))));
                }
            }
            JmhResult released = calls.stream().filter(e -> e.method().equals(method))
                    .filter(e -> Objects.equals(e.param("binding"), "ffm")
                    && Objects.equals(e.param("around"), "released"))
                    .findFirst().orElse(null);
            if (released != null) {
                figures.add(new Headline("releasing around an ffm " + method + " adds", released.score() - ffm.score(),
                        unitOf(ffm), Direction.LOWER_IS_BETTER, released.scoreText() + " released against "
                                + ffm.scoreText() + " bare"));
            }
        }
    }

    private static double median(List<Speedup> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2).speedup() : (sorted.get(n / 2 - 1).speedup() + sorted.get(n / 2)
                .speedup()) / 2;
    }

    /** {@code ns/op} -> {@code ns}. */
    private static String unitOf(JmhResult e) {
        int slash = e.scoreUnit().indexOf('/');
        return slash < 0 ? e.scoreUnit() : e.scoreUnit().substring(0, slash);
    }
}
