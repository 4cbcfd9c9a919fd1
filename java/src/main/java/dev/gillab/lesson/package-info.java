/**
 * The lesson catalogue's API: what a lesson is, what it declares, and what a run of it returns.
 *
 * <h2>Where to start</h2>
 * <ul>
 *   <li>{@link dev.gillab.lesson.Lesson}: a lesson is its {@link dev.gillab.lesson.LessonInfo}
 *       (number, title, verdict, analogue, and its expectations) and a {@code run}.</li>
 *   <li>{@link dev.gillab.lesson.Expectation}: what a lesson expects of one of its figures, as
 *       data: a {@link dev.gillab.lesson.Metric}, a {@link dev.gillab.lesson.Band}, what the
 *       check needs of the machine, and what CPython does. The lesson's test checks them,
 *       {@code gillab lesson} judges them ({@link dev.gillab.lesson.Judgement}), and the README's
 *       catalogue is {@link dev.gillab.lesson.Catalogue#markdownTable()}.</li>
 *   <li>{@link dev.gillab.lesson.LessonResult}: the table, the conclusion, the
 *       {@link dev.gillab.lesson.Figures} by metric, the trace to draw and the
 *       {@link dev.gillab.lesson.LessonChart} that answers the lesson's question.</li>
 *   <li>{@link dev.gillab.lesson.LessonSettings}: what the command line may change (threads,
 *       mode, binding, switch interval, scale).</li>
 * </ul>
 * The lessons themselves are in {@link dev.gillab.lesson.catalogue}, one file each, and measure
 * with the kit of {@link dev.gillab.experiment}.
 */
package dev.gillab.lesson;
