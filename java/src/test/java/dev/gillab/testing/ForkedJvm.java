package dev.gillab.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a JVM of its own, with this JVM's {@code java} and class path: for the
 * checks whose failure would take the test JVM down (a crash in C) or that need a JVM's exit
 * (shutdown hooks). A crash leaves its {@code hs_err} file in {@code workDir}, not in the
 * project, and no core file.
 */
public final class ForkedJvm {

    private ForkedJvm() {
    }

    /** How a forked JVM ended: its exit code and everything it wrote (stdout and stderr together). */
    public record Outcome(int exitCode, String output) {
    }

    /**
     * Runs {@code mainClass} with {@code jvmOptions} and {@code args} in {@code workDir}, and
     * waits at most {@code limit} for it (then kills it and throws).
     */
    public static Outcome run(Path workDir, Duration limit, List<String> jvmOptions, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-XX:ErrorFile=" + workDir.resolve("hs_err_pid%p.log"));
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Path output = Files.createTempFile(workDir, "forked-jvm-", ".log");
        Process child = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!child.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
            child.destroyForcibly().waitFor();
            throw new IllegalStateException("the forked JVM (" + mainClass.getSimpleName() + ") did not end within "
                    + limit + "; its output:\n" + Files.readString(output, StandardCharsets.UTF_8));
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        return new Outcome(child.exitValue(), text);
    }
}
