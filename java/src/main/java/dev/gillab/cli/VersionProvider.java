package dev.gillab.cli;

import dev.gillab.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code gillab --version} (and {@code gillab bench --version}): the build, its commit, and the JVM it runs on. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            BuildInfo.current().describe(),
            "JVM: " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
