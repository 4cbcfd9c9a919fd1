package dev.gillab.report;

import dev.gillab.BuildInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a report describes: cores and CPU model of the machine the report is made on
 * (run the report where the benchmarks ran), the JDK from the results themselves, and the date.
 *
 * @param cores the available processors
 * @param cpu   the {@code model name} of /proc/cpuinfo, or "unknown" where there is none
 * @param jdk      the results' JVM, or this JVM's when the results do not say
 * @param compiler the first line of {@code gcc --version} (the compiler CMake finds first), or "unknown"
 * @param date     when the report was made, ISO-8601
 * @param gillab   the gillab build that made the report: version and git commit ({@link BuildInfo#describe()})
 */
public record Machine(int cores, String cpu, String jdk, String compiler, String date, String gillab) {

    /** This machine, for {@code results}. */
    public static Machine current(JmhResults results) {
        String jdk = results.jdk().isBlank()
                ? System.getProperty("java.vm.name") + " " + System.getProperty("java.version") : results.jdk();
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(Path.of("/proc/cpuinfo")), jdk,
                firstLineOf("gcc", "--version"), java.time.OffsetDateTime.now().withNano(0).toString(),
                BuildInfo.current().describe());
    }

    /** The first line a command prints, or "unknown" if it cannot be run or prints nothing within 10 s. */
    static String firstLineOf(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String line;
            try (var out = p.inputReader()) {
                line = out.readLine();
            }
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return line == null || line.isBlank() ? "unknown" : line.trim();
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** The first {@code model name} line of a /proc/cpuinfo file, or "unknown". */
    static String cpuModel(Path cpuinfo) {
        try {
            List<String> lines = Files.exists(cpuinfo) ? Files.readAllLines(cpuinfo) : List.of();
            return lines.stream().filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
