/**
 * The pictures and documents gillab writes: the benchmark report, the lesson charts and
 * timelines, the demo's summary.
 *
 * <h2>Where to start</h2>
 * <ul>
 *   <li>{@link dev.gillab.report.BenchReport}: a JMH JSON file ({@link dev.gillab.report.JmhResults})
 *       made into Markdown and HTML with charts ({@link dev.gillab.report.BenchCharts}) and the
 *       headline figures ({@link dev.gillab.report.Headlines}), optionally against a baseline.</li>
 *   <li>{@link dev.gillab.report.LessonReport}: one lesson's chart and the timeline of its most
 *       telling run: {@link dev.gillab.report.TimelineModel} (the lock's trace, replayed by
 *       {@link dev.gillab.lock.TraceReplay}, as geometry) drawn by
 *       {@link dev.gillab.report.TimelineSvg}.</li>
 *   <li>{@link dev.gillab.report.ReportDocument}, {@link dev.gillab.report.Charts},
 *       {@link dev.gillab.report.Picture}: the shared look and the two ways of writing a report
 *       (Markdown with PNGs, one self-contained HTML file).</li>
 * </ul>
 * It reads results and traces; it measures nothing. Numbers are printed as
 * {@link dev.gillab.experiment.Units} prints them, and every report opens with its
 * {@link dev.gillab.experiment.Machine}.
 */
package dev.gillab.report;
