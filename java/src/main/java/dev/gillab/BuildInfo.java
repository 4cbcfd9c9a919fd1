package dev.gillab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and git commit gillab was built from, as the build wrote them into the class-path
 * resource {@code dev/gillab/build.properties}: for {@code --version} and for every report,
 * summary and fidelity table, so that a figure can be traced to the code that made it.
 *
 * @param version the project version, or "(development build)" where the build wrote nothing
 *                (classes compiled outside Maven)
 * @param commit  the abbreviated commit, "-dirty" appended when the working tree had uncommitted
 *                changes, or "unknown" (built outside a git checkout, e.g. from a source tarball)
 */
public record BuildInfo(String version, String commit) {

    private static final String RESOURCE = "build.properties";
    private static final String UNKNOWN = "unknown";

    /** The build of the classes on the class path. */
    public static BuildInfo current() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new BuildInfo("(development build)", UNKNOWN);
            }
            Properties p = new Properties();
            p.load(in);
            return new BuildInfo(p.getProperty("version", "(development build)"),
                    p.getProperty("commit", UNKNOWN).isBlank() ? UNKNOWN : p.getProperty("commit").strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + RESOURCE, e);
        }
    }

    /** E.g. "gillab 0.1.0-SNAPSHOT, commit 48c4c24a1b2c" or "gillab 0.1.0-SNAPSHOT, unknown commit". */
    public String describe() {
        return "gillab " + version + ", " + (commit.equals(UNKNOWN) ? "unknown commit" : "commit " + commit);
    }
}
