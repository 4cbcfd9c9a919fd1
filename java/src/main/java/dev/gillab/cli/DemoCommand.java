package dev.gillab.cli;

import dev.gillab.BuildInfo;
import dev.gillab.lesson.Catalogue;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.report.CallRate;
import dev.gillab.report.DemoSummary;
import dev.gillab.report.LessonReport;
import dev.gillab.report.OutputFolder;
import dev.gillab.report.Variant;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gillab demo}: the tour a newcomer runs first. First the headline, calls per second of
 * a few kernels in Java holding the lock against C releasing it ({@link CallRates}); then the
 * key lessons, at 1 to 2 x cores threads with the lock traced; per lesson its header, a
 * progress bar, its table and its conclusion on the terminal, and in a folder its chart, its
 * lock timeline, its Chrome trace, and {@code summary.md} and {@code index.html} with all of it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The tour to start with: runs the key lessons (" + DemoCommand.TOUR_TEXT + ") at 1 to 2 x cores "
                + "threads with the lock traced, after a headline measurement (calls per second, Java holding the lock "
                + "against C releasing it); prints each lesson's table and conclusion, and writes charts (PNG), lock "
                + "timelines (SVG), Chrome traces (JSON), summary.md and index.html (one self-contained page) into a "
                + "folder."})
final class DemoCommand implements Callable<Integer> {

    /**
     * The tour: the lock serialises pure Java (01); a native call that holds the lock does too
     * (02), one that releases it scales (03); and the lessons on the lock's own behaviour that
     * a newcomer should see next (10, 11, 13). Lessons not in the catalogue are skipped.
     */
    static final String TOUR_TEXT = "01, 02, 03, 10, 11, 13";
    static final List<Integer> TOUR = Arrays.stream(TOUR_TEXT.split(", ")).map(Integer::valueOf).toList();

    /** The most threads a lesson accepts ({@link LessonSettings}). */
    private static final int MAX_THREADS = 256;

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The folder to write into (default: a new gillab-out/demo-<date>-<time>, "
                    + "linked as gillab-out/demo-latest).")
    private Path out;

    @Mixin
    private WorkloadOptions workload;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        int cores = Runtime.getRuntime().availableProcessors();
        List<Integer> threads = threadCounts(cores);
        LessonSettings settings = workload.settings().withThreads(threads).withTrace(true);
        Path dir = OutputFolder.resolve(out, "demo");
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();

        String threadList = threads.stream().map(String::valueOf).collect(Collectors.joining(", "));
        String howRun = String.format(Locale.ROOT, "Lessons %s at %s threads (%d cores here), the lock traced, %s; "
                + "%s; Java %s; %s.", TOUR_TEXT, threadList, cores, workload.describe(), BuildInfo.current().describe(),
                Runtime.version(), LocalDateTime.now().withNano(0));
        stdout.println("gillab demo: " + howRun);
        stdout.println();
        DemoSummary summary = new DemoSummary(dir, "gillab demo", howRun);

        stdout.println("Headline: calls per second, interpreted Java holding the lock against C releasing it");
        List<CallRate> rates;
        try (StepDisplay progress = StepDisplay.open("Headline", CallRates.steps(settings), stderr)) {
            rates = CallRates.measure(settings.withTrace(false).withProgress(progress));
        }
        for (CallRate r : rates) {
            stdout.printf(Locale.ROOT, "  %-10s %-34s %d thread(s): %,12.0f calls/s%n", r.kernel(),
                    Variant.of(r.binding(), r.lock()), r.threads(), r.callsPerSecond());
        }
        summary.headline(rates);
        stdout.println();

        int failures = 0;
        for (int number : TOUR) {
            Optional<Lesson> found = find(number);
            if (found.isEmpty()) {
                stdout.printf(Locale.ROOT, "Lesson %02d: not in this build's catalogue, skipped.%n%n", number);
                summary.absent(number);
                continue;
            }
            Lesson lesson = found.get();
            LessonText.header(stdout, lesson.info());
            LessonResult result;
            try (StepDisplay progress = StepDisplay.open("Lesson " + lesson.info().id(), threads.size(), stderr)) {
                result = lesson.run(settings.withProgress(progress));
            } catch (RuntimeException e) {
                String why = e.getClass().getSimpleName() + ": " + e.getMessage();
                stderr.println("gillab: lesson " + lesson.info().id() + " failed: " + why);
                stderr.flush();
                summary.notRun(lesson.info(), why);
                failures++;
                continue;
            }
            LessonText.result(stdout, result);
            summary.lesson(result, LessonReport.write(result, null, dir));
            stdout.println();
        }

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        summary.write(elapsed);
        stdout.printf(Locale.ROOT, "Done in %.1f s%s. Open index.html in a browser (or summary.md), and the "
                + "*-timeline.json traces in ui.perfetto.dev; they are in:%n  %s%n",
                elapsed.toMillis() / 1000.0, failures == 0 ? "" : " (" + failures + " lesson(s) failed)", dir);
        stdout.flush();
        return failures == 0 ? 0 : RunErrorHandler.RUN_FAILURE;
    }

    /**
     * 1, 2, 4, ... doubling below 2 x {@code cores}, then 2 x {@code cores} itself: 1, 2, 4 on 2 cores; 1, 2, 4, 6 on
     * 3.
     */
    static List<Integer> threadCounts(int cores) {
        int most = Math.min(MAX_THREADS, 2 * Math.max(1, cores));
        List<Integer> counts = new ArrayList<>();
        for (int n = 1; n < most; n *= 2) {
            counts.add(n);
        }
        counts.add(most);
        return counts;
    }

    private static Optional<Lesson> find(int number) {
        return Catalogue.all().stream().filter(l -> l.info().number() == number).findFirst();
    }
}
