package dev.gillab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gillab} command line. Each subcommand is a class of its own in this package;
 * this class wires them and maps errors to exit codes: 0 success, 1 a failure while running,
 * 2 bad usage (a one-line error and a usage hint).
 */
@Command(name = "gillab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A laboratory for the interpreter-lock problem: CPython's GIL simulated in Java, "
                + "CPU-bound kernels in Java and C, and native bindings that release the lock.",
        footer = {"", "Also, through the ./gillab launcher: 'gillab bench [--quick | --full | --smoke]' runs the JMH "
                + "benchmark suites and writes their results and report (see 'gillab bench --help')."},
        subcommands = {KernelsCommand.class, RunCommand.class, LessonsCommand.class, LessonCommand.class,
            DemoCommand.class, TimelineCommand.class, FidelityCommand.class, ReportCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Library warnings (such as the lock coming back in a free interpreter) as one line on
        // stderr, "WARNING: RuntimeWarning: ...", unless the user configured logging.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%n");
        }
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code, without exiting (for tests). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExecutionExceptionHandler(new RunErrorHandler());
        return cli;
    }
}
