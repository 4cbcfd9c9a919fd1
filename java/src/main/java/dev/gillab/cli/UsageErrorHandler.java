package dev.gillab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** Bad options: one line naming the problem, one line saying where help is, exit code 2. */
public final class UsageErrorHandler implements IParameterExceptionHandler {

    static final int USAGE_ERROR = 2;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("gillab: " + e.getMessage());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return USAGE_ERROR;
    }
}
