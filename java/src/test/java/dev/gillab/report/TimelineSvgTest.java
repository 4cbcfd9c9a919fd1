package dev.gillab.report;

import static dev.gillab.report.TimelineModel.State.HOLDING;
import static dev.gillab.report.TimelineModel.State.WAITING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gillab.report.TimelineModel.DropMark;
import dev.gillab.report.TimelineModel.Interval;
import dev.gillab.report.TimelineModel.State;
import dev.gillab.report.TimelineModel.ThreadRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The timeline picture: well-formed SVG with a title, a legend, one row per thread, bars, marks and an axis. */
class TimelineSvgTest {

    private static TimelineModel twoThreads() {
        ThreadRow a = new ThreadRow(1, "worker-0", List.of(new Interval(WAITING, 0, 1_000_000),
                new Interval(HOLDING, 1_000_000, 6_000_000)), List.of(new DropMark(5_000_000, "worker-1")));
        ThreadRow b = new ThreadRow(2, "worker-1", List.of(new Interval(WAITING, 0, 6_000_000),
                new Interval(HOLDING, 6_000_000, 10_000_000)), List.of());
        return new TimelineModel(0, 10_000_000, 9, 0, List.of(a, b));
    }

    @Test
    void thePictureIsWellFormedSvgWithATitleALegendOneRowPerThreadAndATimeAxis() {
        Svg svg = Svg.parse(TimelineSvg.render(twoThreads(), "Lesson 01: the title", "switch lock, 5 ms"));

        assertThat(svg.rootName()).isEqualTo("svg");
        assertThat(svg.texts("//text[@class='title']")).containsExactly("Lesson 01: the title");
        assertThat(svg.texts("//text[@class='subtitle']")).containsExactly("switch lock, 5 ms");
        assertThat(svg.texts("//g[@id='legend']/text")).as("one legend entry per state, and the drop request")
                .containsExactly(HOLDING.description(), WAITING.description(), State.RELEASED.description(),
                        "drop request posted on the holder");
        assertThat(svg.select("//g[@class='row']")).extracting(e -> e.getAttribute("data-thread"))
                .containsExactly("worker-0", "worker-1");
        assertThat(svg.texts("//g[@class='row']/text[@class='name']")).containsExactly("worker-0", "worker-1");
        assertThat(svg.texts("//g[@id='axis']/text[@class='tick']")).as("ms labels every millisecond")
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(svg.texts("//g[@id='axis']/text[@class='axis-title']")).singleElement().asString().contains("(ms)");
    }

    @Test
    void eachIntervalIsABarOfItsStateAtItsPlaceAndEachDropRequestAMark() {
        Svg svg = Svg.parse(TimelineSvg.render(twoThreads(), "t", "s"));

        List<Element> bars = svg.select("//g[@data-thread='worker-0']/rect[@class!='stripe']");
        assertThat(bars).extracting(e -> e.getAttribute("class")).containsExactly("waiting", "holding");
        Element holding = bars.get(1);
        double pixelsPerMilli = TimelineSvg.PLOT_WIDTH / 10.0;
        assertThat(Double.parseDouble(holding.getAttribute("x")))
                .isCloseTo(TimelineSvg.LABEL_WIDTH + pixelsPerMilli, within(0.01));
        assertThat(Double.parseDouble(holding.getAttribute("width"))).isCloseTo(5 * pixelsPerMilli, within(0.01));
        assertThat(svg.select("//g[@data-thread='worker-0']/path[@class='drop']")).hasSize(1);
        assertThat(svg.select("//g[@data-thread='worker-1']/path[@class='drop']")).isEmpty();
        assertThat(svg.texts("//g[@data-thread='worker-0']/text[@class='share']"))
                .containsExactly("held 50% · waited 10%");
    }

    @Test
    void aLongRunIsDrawnWithAboutOneBarPerPixelNotOnePerInterval() {
        List<Interval> flicker = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            flicker.add(new Interval(i % 2 == 0 ? HOLDING : WAITING, i * 1_000L, (i + 1) * 1_000L));
        }
        TimelineModel model = new TimelineModel(0, 100_000_000, 100_001, 0,
                List.of(new ThreadRow(1, "busy", flicker, List.of())));

        String text = TimelineSvg.render(model, "t", "s");

        assertThat(Svg.parse(text).select("//g[@class='row']/rect[@class!='stripe']")).as("bars")
                .hasSizeLessThanOrEqualTo(TimelineSvg.PLOT_WIDTH + 1);
        assertThat(text.length()).as("characters").isLessThan(200_000);
    }

    @Test
    void namesWithMarkupCharactersAreEscaped() {
        TimelineModel model = new TimelineModel(0, 10, 2, 0,
                List.of(new ThreadRow(1, "a<b>&\"c\"", List.of(new Interval(HOLDING, 0, 10)), List.of())));

        Svg svg = Svg.parse(TimelineSvg.render(model, "x < y & z", "s"));

        assertThat(svg.texts("//text[@class='name']")).containsExactly("a<b>&\"c\"");
        assertThat(svg.texts("//text[@class='title']")).containsExactly("x < y & z");
    }

    @Test
    void anEmptyTraceGivesAPictureThatSaysSo() {
        Svg svg = Svg.parse(TimelineSvg.render(TimelineModel.of(List.of(), 0), "t", "s"));

        assertThat(svg.select("//g[@class='row']")).isEmpty();
        assertThat(svg.texts("//text[@class='note']")).singleElement().asString().contains("No lock events");
    }

    @Test
    void axisStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(TimelineSvg.niceStep(0.7)).isEqualTo(1.0);
        assertThat(TimelineSvg.niceStep(1.3)).isEqualTo(2.0);
        assertThat(TimelineSvg.niceStep(3)).isEqualTo(5.0);
        assertThat(TimelineSvg.niceStep(7)).isEqualTo(10.0);
        assertThat(TimelineSvg.niceStep(120)).isEqualTo(200.0);
        assertThat(TimelineSvg.niceStep(0.013)).isCloseTo(0.02, within(1e-12));
    }
}
