package dev.gillab.cli;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The {@code Main-Class} of gillab's runnable jars: checks that the JVM is new enough, then
 * starts the jar's real main class.
 *
 * <p>The rest of gillab is compiled for Java 25; an older JVM refuses its classes with an
 * {@code UnsupportedClassVersionError} and a stack trace. This class alone is compiled for
 * Java 8 (a separate compiler run, {@code src/jdkcheck/java}), so any JVM from 8 on can load it
 * and read {@code java.specification.version} ("1.8", then "9", "10" ... "25"). Below
 * {@value #REQUIRED} it prints one line naming the JDK it needs and the JVM it found, and exits
 * with status 1; otherwise it loads the class named by the jar manifest's
 * {@value #TARGET_ATTRIBUTE} attribute by reflection and runs its {@code main}.
 */
public final class JdkCheckingMain {

    /** The Java feature release the jar needs. */
    static final int REQUIRED = 25;

    /** The manifest attribute naming the main class to start once the JVM passed. */
    static final String TARGET_ATTRIBUTE = "Gillab-Main-Class";

    private JdkCheckingMain() {
    }

    public static void main(String[] args) throws Throwable {
        int feature = featureVersion(System.getProperty("java.specification.version"));
        if (feature < REQUIRED) {
            System.err.println("gillab: needs a JDK " + REQUIRED + " or newer, but this is Java " + feature + " ("
                    + System.getProperty("java.home") + "): run the jar with a JDK " + REQUIRED
                    + "'s java (e.g. Eclipse Temurin " + REQUIRED
                    + ", adoptium.net), or use ./gillab, which finds one");
            System.exit(1);
        }
        Method main = Class.forName(targetClass()).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** "1.8" is 8; "9", "17", "25" are themselves. */
    static int featureVersion(String specificationVersion) {
        String v = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int dot = v.indexOf('.');
        return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
    }

    private static String targetClass() throws IOException, URISyntaxException {
        File jar = new File(JdkCheckingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile file = new JarFile(jar)) {
            Manifest manifest = file.getManifest();
            String target = manifest == null ? null : manifest.getMainAttributes().getValue(TARGET_ATTRIBUTE);
            if (target == null) {
                throw new IllegalStateException(jar + ": its manifest names no " + TARGET_ATTRIBUTE);
            }
            return target;
        }
    }
}
