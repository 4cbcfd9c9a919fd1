package dev.gillab.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gillab.experiment.KernelsUnderLock;
import dev.gillab.experiment.Measurement;
import dev.gillab.experiment.Row;
import dev.gillab.experiment.ThreadedRun;
import dev.gillab.lesson.Band;
import dev.gillab.lesson.Expectation;
import dev.gillab.lesson.Figures;
import dev.gillab.lesson.LessonChart;
import dev.gillab.lesson.LessonInfo;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.Metric;
import dev.gillab.lesson.Verdict;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;
import dev.gillab.testing.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's {@code index.html}, opened in a real headless browser: every picture in it
 * loads. The page is built from a small made-up result (a headline, one lesson with a traced
 * two-thread run), so the test costs seconds, not a demo run.
 */
class IndexHtmlInBrowserTest {

    /** Appended to a copy of the page: once it has loaded, the body says how many images it has and which failed. */
    private static final String CHECK = """
            <script>
            window.addEventListener('load', function () {
              var images = Array.from(document.images);
              var broken = images.filter(function (i) { return !i.complete || i.naturalWidth === 0; });
              document.body.setAttribute('data-images', String(images.length));
              document.body.setAttribute('data-broken', broken.map(function (i) { return i.alt; }).join('|'));
            });
            </script>
            """;

    private static final Pattern IMAGES = Pattern.compile("data-images=\"(\\d+)\"");
    private static final Pattern BROKEN = Pattern.compile("data-broken=\"([^\"]*)\"");

    @TempDir
    Path dir;

    @Test
    void everyImageOfTheDemoPageLoadsInABrowser() throws Exception {
        HeadlessChromium browser = HeadlessChromium.require();
        Path page = demoPage();

        Loaded loaded = open(browser, page);

        assertThat(loaded.images()).as("headline, lesson chart, lock timeline").isEqualTo(3);
        assertThat(loaded.broken()).as("images that did not load").isEmpty();
    }

    @Test
    void aPageWithABrokenImageIsCaught() throws Exception {
        HeadlessChromium browser = HeadlessChromium.require();
        Path page = dir.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><img alt=\"good\" src=\"data:image/svg+xml;base64,"
                + java.util.Base64.getEncoder().encodeToString(
                        "<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>".getBytes())
                + "\"><img alt=\"bad\" src=\"data:image/png;base64,AAAA\"></body></html>");

        Loaded loaded = open(browser, page);

        assertThat(loaded.images()).isEqualTo(2);
        assertThat(loaded.broken()).as("the check can fail").isEqualTo("bad");
    }

    private record Loaded(int images, String broken) {
    }

    private Loaded open(HeadlessChromium browser, Path page) throws Exception {
        Path checked = page.resolveSibling("checked-" + page.getFileName());
        Files.writeString(checked, Files.readString(page).replace("</body>", CHECK + "</body>"));
        String dom = browser.dumpDom(checked);
        Matcher images = IMAGES.matcher(dom);
        Matcher broken = BROKEN.matcher(dom);
        assertThat(images.find() && broken.find()).as("the page's check ran; DOM: %s",
                dom.length() > 2000 ? dom.substring(0, 2000) : dom).isTrue();
        return new Loaded(Integer.parseInt(images.group(1)), broken.group(1));
    }

    /** index.html of a made-up demo: a headline and one lesson with its chart and timeline. */
    private Path demoPage() {
        DemoSummary summary = new DemoSummary(dir, "gillab demo", "made up for a test");
        List<CallRate> rates = new ArrayList<>();
        for (int threads : List.of(1, 2, 4)) {
            rates.add(new CallRate("pi", "java-locked", "hold", threads, 200));
            rates.add(new CallRate("pi", "ffm", "release", threads, 800 * Math.min(threads, 2)));
        }
        summary.headline(rates);
        Interpreter interpreter = Interpreter.create(InterpreterConfig.of(LockMode.SWITCH)
                .withSwitchIntervalMicros(200).withTrace(true));
        var kernels = KernelsUnderLock.interpreted(interpreter);
        Measurement m = ThreadedRun.run(interpreter, 2, "turns", i -> kernels.countdown(2_000_000));
        LessonResult result = new LessonResult(new LessonInfo(1, "A lesson", Verdict.SHOWS, "analogue", "s",
                List.of(Expectation.of(Metric.of("speedup", "speedup", Metric.Unit.RATIO), Band.atLeast(1),
                        Expectation.Needs.ANY_MACHINE))),
                List.of(new Row("1 thread", 1, 10, 1, 0, 0, 0, Map.of()),
                        new Row("2 threads", 2, 10, 1, 3, 2, 0.4, Map.of())),
                "it did not scale", new Figures(), m.trace(), LessonChart.SPEEDUP);
        summary.lesson(result, LessonReport.write(result, 200L, dir));
        return summary.write(Duration.ofSeconds(1)).html();
    }
}
