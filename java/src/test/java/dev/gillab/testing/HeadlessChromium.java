package dev.gillab.testing;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real browser for tests: Debian's {@code chromium}, run headless, which prints a page's
 * DOM after its scripts ran ({@code --dump-dom}).
 *
 * <p>When no chromium is on the PATH and the test runs as root on a machine with
 * {@code apt-get} (as CI does), it installs the {@code chromium} package first; otherwise
 * the test is skipped with a message that says how to install it.
 */
public final class HeadlessChromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final long INSTALL_MINUTES = 15;
    private static final long PAGE_SECONDS = 120;

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** The browser, installed if it may be; skips the calling test if there is none. */
    public static synchronized HeadlessChromium require() throws IOException, InterruptedException {
        Optional<Path> found = find();
        if (found.isEmpty() && isRoot() && find("apt-get").isPresent()) {
            run(List.of("apt-get", "update", "-q"), INSTALL_MINUTES * 60);
            run(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium"), INSTALL_MINUTES * 60);
            found = find();
        }
        assumeThat(found).as("a headless browser: no chromium on the PATH and not root with apt-get to install it; "
                + "install it with 'sudo apt-get install chromium' to run this test").isPresent();
        return new HeadlessChromium(found.get());
    }

    /** The DOM of {@code page} once it has loaded and its scripts have run. */
    public String dumpDom(Path page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("gillab-chromium");
        List<String> command = List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile,
                "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString());
        return run(command, PAGE_SECONDS);
    }

    private static Optional<Path> find() {
        return NAMES.stream().map(HeadlessChromium::find).flatMap(Optional::stream).findFirst();
    }

    private static Optional<Path> find(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Runs {@code command}; returns its standard output; fails with its output if it fails or outlasts {@code seconds}.
     */
    private static String run(List<String> command, long seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("gillab-process", ".log");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectError(log.toFile());
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish within " + seconds + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + process.exitValue()
                    + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
