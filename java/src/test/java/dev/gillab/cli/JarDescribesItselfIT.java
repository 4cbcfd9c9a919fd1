package dev.gillab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the packaged jar says about itself: its licence and its dependencies' legal files are
 * inside, {@code --version} names the commit it was built from, and a JVM too old for it gets one
 * line naming the JDK it needs instead of an {@code UnsupportedClassVersionError}. Runs in Maven's
 * integration-test phase, after the jar is built.
 */
class JarDescribesItselfIT {

    private static final Path JAR = Path.of(System.getProperty("gillab.jar", "target/gillab.jar"));
    private static final Path SOURCE_ROOT = Path.of(System.getProperty("gillab.source.root", ".."));
    private static final Path JVM_FOLDER = Path.of("/usr/lib/jvm");

    @TempDir
    Path scratch;

    @Test
    void theJarCarriesGillabsLicenceAndEachDependencysLegalFilesUnderItsOwnName() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(text(jar, "META-INF/LICENSE")).as("gillab's licence")
                    .isEqualTo(Files.readString(SOURCE_ROOT.resolve("LICENSE"), StandardCharsets.UTF_8));
            assertThat(text(jar, "META-INF/licenses/jackson-databind/LICENSE")).contains("Apache License");
            assertThat(text(jar, "META-INF/licenses/jackson-databind/NOTICE")).contains("Jackson");
            assertThat(text(jar, "META-INF/licenses/jackson-core/FastDoubleParser-LICENSE")).isNotBlank();
            assertThat(text(jar, "META-INF/licenses/jna/LICENSE")).contains("LGPL");
            assertThat(text(jar, "META-INF/licenses/jna/AL2.0")).contains("Apache License");
            assertThat(text(jar, "META-INF/licenses/HdrHistogram/LICENSE.txt")).isNotBlank();
        }
    }

    @Test
    void theJarLeavesOutXChartsPdfExport() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.stream().map(ZipEntry::getName).filter(n -> n.startsWith("org/apache/pdfbox/")
                    || n.startsWith("org/apache/fontbox/") || n.startsWith("de/rototor/")).findFirst())
                    .as("pdfbox, fontbox and their Graphics2D bridge").isEmpty();
        }
    }

    @Test
    void versionNamesTheCommitTheJarWasBuiltFrom() throws Exception {
        Result r = run(javaOfThisJvm(), "--version");

        assertThat(r.exitCode()).as("exit code; stderr: %s", r.stderr()).isZero();
        String firstLine = r.stdout().lines().findFirst().orElse("");
        assertThat(firstLine).as("the build line").startsWith("gillab ").doesNotContain("development build");
        if (isGitCheckout(SOURCE_ROOT)) {
            Matcher commit = Pattern.compile("commit ([0-9a-f]{7,})(-dirty)?$").matcher(firstLine);
            assertThat(commit.find()).as("a commit of 7+ hex digits in: %s", firstLine).isTrue();
            assertThat(git("rev-parse", "HEAD")).as("the commit of this checkout").startsWith(commit.group(1));
        } else {
            assertThat(firstLine).endsWith("unknown commit");
        }
    }

    @Test
    void anOldJvmGetsOneLineNamingTheJdkItNeeds() throws Exception {
        Optional<Path> oldJava = olderJdk();
        assumeTrue(oldJava.isPresent(), "no JDK older than 25 under " + JVM_FOLDER + ": nothing to run the jar with");

        Result r = run(oldJava.get(), "kernels");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr().lines()).as(r.stderr()).hasSize(1);
        assertThat(r.stderr()).startsWith("gillab: needs a JDK 25 or newer, but this is Java ")
                .doesNotContain("UnsupportedClassVersionError");
        assertThat(r.stdout()).isEmpty();
    }

    private static String text(JarFile jar, String name) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        assertThat(entry).as("%s in the jar", name).isNotNull();
        return new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Path javaOfThisJvm() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The java of a JDK under /usr/lib/jvm whose 'release' file names a feature version below 25. */
    private static Optional<Path> olderJdk() throws IOException {
        if (!Files.isDirectory(JVM_FOLDER)) {
            return Optional.empty();
        }
        Pattern version = Pattern.compile("^JAVA_VERSION=\"(?:1\\.)?(\\d+)", Pattern.MULTILINE);
        try (Stream<Path> jdks = Files.list(JVM_FOLDER)) {
            for (Path jdk : jdks.sorted().toList()) {
                Path release = jdk.resolve("release");
                Path java = jdk.resolve("bin/java");
                if (Files.isRegularFile(release) && Files.isExecutable(java)) {
                    Matcher m = version.matcher(Files.readString(release));
                    if (m.find() && Integer.parseInt(m.group(1)) < 25) {
                        return Optional.of(java);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isGitCheckout(Path folder) {
        return Files.exists(folder.resolve(".git"));
    }

    private static String git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", SOURCE_ROOT.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result run(Path java, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = scratch.resolve("stdout.txt");
        Path err = scratch.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
