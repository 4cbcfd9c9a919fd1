package dev.gillab.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code gillab --version}: the jar's version and the JVM it runs on. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "gillab " + (version == null ? "(development build)" : version),
            "JVM: " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
