package dev.gillab.cli;

import dev.gillab.binding.NativeLibrary;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gillab} command line. Each subcommand is a class of its own in this package;
 * this class wires them and maps errors to exit codes: 0 success, 1 a failure while running,
 * 2 bad usage or a value refused before anything ran (a one-line error and a usage hint),
 * 3 out of memory. Every error is one line on the error stream starting with {@code gillab:},
 * never a stack trace: exceptions through {@link RunErrorHandler}, and the two errors a user
 * can cause through {@link #fatal}: running out of heap, and a native library that lacks a
 * function gillab calls (JNA's interface mapping looks functions up at their first call).
 */
@Command(name = "gillab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A laboratory for the interpreter-lock problem: CPython's GIL simulated in Java, "
                + "CPU-bound kernels in Java and C, and native bindings that release the lock.",
        footer = {"", "Also, through the ./gillab launcher: 'gillab bench [--quick | --full | --smoke]' runs the JMH "
                + "benchmark suites and writes their results and report (see 'gillab bench --help')."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:a failure while running (one line on stderr)",
            "2:bad usage, or a value refused before anything ran", "3:out of memory (the line says which -Xmx to pass)",
            "130:interrupted (Ctrl-C)"},
        subcommands = {KernelsCommand.class, RunCommand.class, LessonsCommand.class, LessonCommand.class,
            DemoCommand.class, TimelineCommand.class, FidelityCommand.class, ReportCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {

    /** The exit code when the heap ran out. */
    static final int OUT_OF_MEMORY = 3;

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
        return execute(commandLine(), args);
    }

    /** Runs {@code cli}, turning the errors a user can cause into one line and an exit code. */
    static int execute(CommandLine cli, String... args) {
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError | UnsatisfiedLinkError e) {
            return fatal(e, cli.getErr());
        }
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExecutionExceptionHandler(new RunErrorHandler());
        return cli;
    }

    /** One line for an error that escaped the command, and its exit code. */
    static int fatal(Error e, PrintWriter err) {
        int code;
        if (e instanceof OutOfMemoryError) {
            long max = Runtime.getRuntime().maxMemory();
            err.println("gillab: out of memory (" + e.getMessage() + ") with a heap of at most " + HeapBudget.mib(max)
                    + ": " + HeapBudget.howToGet(2 * max) + ", or a smaller size");
            code = OUT_OF_MEMORY;
        } else {
            err.println("gillab: the native library lacks what gillab calls (" + e + "); "
                    + (System.getProperty(NativeLibrary.PATH_PROPERTY) == null ? "rebuild it"
                            : "the library in -D" + NativeLibrary.PATH_PROPERTY + " is not this gillab's: rebuild it")
                    + " with " + NativeLibrary.BUILD_COMMAND + ", or use --binding java");
            code = RunErrorHandler.RUN_FAILURE;
        }
        err.flush();
        return code;
    }
}
