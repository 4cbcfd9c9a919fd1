package dev.gillab.cli;

import dev.gillab.binding.NativeLibraryUnavailableException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Errors while a command runs. Bad values that only the kernels can judge (an
 * {@link IllegalArgumentException} or {@link NullPointerException} from validation) are
 * usage errors, exit code 2, like bad options; a binding that cannot load, or anything
 * else, is a run failure, exit code 1. Either way one line, no stack trace.
 */
public final class RunErrorHandler implements IExecutionExceptionHandler {

    static final int RUN_FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (e instanceof IllegalArgumentException) {
            err.println("gillab: " + e.getMessage());
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return UsageErrorHandler.USAGE_ERROR;
        }
        String what = e instanceof NativeLibraryUnavailableException ? "" : e.getClass().getSimpleName() + ": ";
        err.println("gillab: " + what + e.getMessage());
        err.flush();
        return RUN_FAILURE;
    }
}
