/**
 * The {@code gillab} command line (picocli): one class per subcommand.
 *
 * <h2>Where to start</h2>
 * <ul>
 *   <li>{@link dev.gillab.cli.Main}: the subcommands, and the exit codes of success, bad usage
 *       and failure ({@link dev.gillab.cli.UsageErrorHandler}, {@link dev.gillab.cli.RunErrorHandler}).</li>
 *   <li>{@link dev.gillab.cli.DemoCommand} (the tour), {@link dev.gillab.cli.LessonCommand},
 *       {@link dev.gillab.cli.TimelineCommand}, {@link dev.gillab.cli.FidelityCommand},
 *       {@link dev.gillab.cli.ReportCommand}, {@link dev.gillab.cli.RunCommand} and the lists
 *       {@code kernels} and {@code lessons}.</li>
 *   <li>{@link dev.gillab.cli.JsonOutput}: what {@code --json} prints, field by field
 *       ({@code docs/JSON.md}).</li>
 * </ul>
 * The commands hold no logic of their own beyond reading options and printing: the lessons are
 * in {@link dev.gillab.lesson}, the measurements in {@link dev.gillab.experiment}, the files in
 * {@link dev.gillab.report} and {@link dev.gillab.fidelity}.
 */
package dev.gillab.cli;
