package dev.gillab.fidelity;

import dev.gillab.BuildInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Where and when a fidelity run happened: a result without its machine and date is not a
 * result. The load average before and after says whether the machine was busy meanwhile.
 *
 * @param cores      available processors
 * @param cpu        the CPU model ({@code /proc/cpuinfo}), or "unknown"
 * @param jdk        the JDK's version and vendor
 * @param cpython    the CPython that ran, or "none"
 * @param os         the operating system
 * @param date       when the run started
 * @param loadBefore the 1, 5 and 15 minute load averages at the start
 * @param loadAfter  the same at the end (empty until then)
 * @param gillab     the gillab build that ran: version and git commit ({@link BuildInfo#describe()})
 */
public record Machine(int cores, String cpu, String jdk, String cpython, String os, String date,
                      String loadBefore, String loadAfter, String gillab) {

    /** This machine, now. */
    public static Machine current(CPython python) {
        return current(python.version());
    }

    /** This machine, now, with CPython and its free-threaded build when that is available. */
    public static Machine current(CPython python, CPython freeThreaded) {
        return current(freeThreaded.available()
                ? python.version() + "; free-threaded build: " + freeThreaded.describe() : python.version());
    }

    private static Machine current(String cpython) {
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(), Runtime.version() + " ("
                + System.getProperty("java.vendor") + ")", cpython,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                loadAverage(), "", BuildInfo.current().describe());
    }

    /** This record with the load average of now as the load after. */
    public Machine finished() {
        return new Machine(cores, cpu, jdk, cpython, os, date, loadBefore, loadAverage(), gillab);
    }

    private static String cpuModel() {
        return firstLine(Path.of("/proc/cpuinfo"), "model name")
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown");
    }

    private static String loadAverage() {
        return firstLine(Path.of("/proc/loadavg"), "")
                .map(l -> String.join(" ", List.of(l.split("\\s+")).subList(0, 3))).orElse("unknown");
    }

    private static Optional<String> firstLine(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
