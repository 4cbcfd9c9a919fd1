package dev.gillab.experiment;

import dev.gillab.BuildInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where and when a measurement was made: a figure without its machine and date is not a result.
 * The benchmark report and the fidelity report both open with it.
 *
 * @param cores    the available processors
 * @param cpu      the {@code model name} of /proc/cpuinfo, or "unknown" where there is none
 * @param os       the operating system: name, version, architecture
 * @param jdk      the JDK that ran the measurement: version and vendor
 * @param compiler the first line of {@code gcc --version} (the compiler CMake finds first), or "unknown"
 * @param date     when it was made, ISO-8601 with the offset, to the second
 * @param gillab   the gillab build that made it: version and git commit ({@link BuildInfo#describe()})
 */
public record Machine(int cores, String cpu, String os, String jdk, String compiler, String date, String gillab) {

    /** What this file or command cannot tell. */
    public static final String UNKNOWN = "unknown";

    /** This machine, this JVM, now. */
    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(Path.of("/proc/cpuinfo")),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                Runtime.version() + " (" + System.getProperty("java.vendor") + ")", firstLineOf("gcc", "--version"),
                ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                BuildInfo.current().describe());
    }

    /** This record with another JDK: the one that ran results recorded elsewhere. */
    public Machine withJdk(String otherJdk) {
        return new Machine(cores, cpu, os, otherJdk, compiler, date, gillab);
    }

    /** The first line a command prints, or {@link #UNKNOWN} if it cannot be run or prints nothing within 10 s. */
    static String firstLineOf(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String line;
            try (var out = p.inputReader()) {
                line = out.readLine();
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return line == null || line.isBlank() ? UNKNOWN : line.strip();
        } catch (IOException e) {
            return UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        }
    }

    /** The first {@code model name} line of a /proc/cpuinfo file, or {@link #UNKNOWN}. */
    static String cpuModel(Path cpuinfo) {
        return firstLineStartingWith(cpuinfo, "model name").map(l -> l.substring(l.indexOf(':') + 1).strip())
                .orElse(UNKNOWN);
    }

    /** The first line of {@code file} that starts with {@code prefix}; empty if none does or it cannot be read. */
    public static Optional<String> firstLineStartingWith(Path file, String prefix) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
