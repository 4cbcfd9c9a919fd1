package dev.gillab.fidelity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the free-threaded CPython that the free-threaded scenarios run ({@link FreeThreadedScenario}).
 *
 * <p>Given a path ({@code gillab fidelity --free-threaded PATH}), that interpreter; otherwise
 * the newest finished build of {@code scripts/build-cpython} in its cache folder,
 * {@code ${XDG_CACHE_HOME:-~/.cache}/gillab/cpython/<version>-free-threaded/}, which the script
 * marks finished with a {@value #MARKER} file naming the interpreter. Either way the
 * interpreter must say it was built without the GIL ({@code sysconfig}'s
 * {@code Py_GIL_DISABLED}); anything else is {@linkplain CPython#available() unavailable}, with
 * the reason and the command that builds one.
 */
public final class FreeThreadedBuild {

    /** The command that builds it, for the messages. */
    public static final String BUILD_COMMAND = "./gillab build-cpython";

    /** The file that marks a finished build in its prefix; one line of it is {@code interpreter=PATH}. */
    static final String MARKER = ".gillab-complete";

    private static final String CHECK = "import sysconfig; print(sysconfig.get_config_var('Py_GIL_DISABLED'))";

    private FreeThreadedBuild() {
    }

    /**
     * The free-threaded interpreter at {@code executable}, or, when it is null, the one in
     * {@link #cacheFolder}; never throws.
     */
    public static CPython locate(String executable, Map<String, String> environment) {
        String chosen = executable;
        if (chosen == null) {
            Optional<Path> built = cached(cacheFolder(environment), FREE_THREADED);
            if (built.isEmpty()) {
                return CPython.unavailable("free-threaded CPython", "no free-threaded build in "
                        + cacheFolder(environment) + "; build it with: " + BUILD_COMMAND
                        + "   (or pass --free-threaded PATH)");
            }
            chosen = built.get().toString();
        }
        CPython python = CPython.locate(chosen);
        if (!python.available()) {
            return CPython.unavailable(chosen, python.problem() + "; build a free-threaded CPython with: "
                    + BUILD_COMMAND);
        }
        String disabled;
        try {
            disabled = python.evaluate(CHECK);
        } catch (CPythonException e) {
            return CPython.unavailable(chosen, e.getMessage());
        }
        if (!disabled.equals("1")) {
            return CPython.unavailable(chosen, chosen + " is not a free-threaded build (Py_GIL_DISABLED is "
                    + disabled + "); build one with: " + BUILD_COMMAND);
        }
        return python;
    }

    /** Where {@code scripts/build-cpython} puts its builds: {@code ${XDG_CACHE_HOME:-~/.cache}/gillab/cpython}. */
    public static Path cacheFolder(Map<String, String> environment) {
        String xdg = environment.get("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("gillab").resolve("cpython");
    }

    /** The folder-name suffix of the free-threaded builds. */
    static final String FREE_THREADED = "-free-threaded";
    /** The folder-name suffix of the default builds (with the lock) of the same versions. */
    static final String DEFAULT = "-default";

    /** The interpreter of the newest finished build in {@code folder} whose folder ends in {@code suffix}, if any. */
    static Optional<Path> cached(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> builds = Files.list(folder)) {
            List<Path> finished = builds
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(p -> Files.isRegularFile(p.resolve(MARKER)))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString(), FreeThreadedBuild::byVersion)
                            .reversed())
                    .toList();
            for (Path build : finished) {
                Optional<Path> interpreter = interpreter(build.resolve(MARKER));
                if (interpreter.isPresent()) {
                    return interpreter;
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> interpreter(Path marker) throws IOException {
        return Files.readAllLines(marker).stream().filter(l -> l.startsWith("interpreter="))
                .map(l -> Path.of(l.substring("interpreter=".length()).strip()))
                .filter(Files::isExecutable).findFirst();
    }

    /** Orders "3.13.5-free-threaded" before "3.13.10-free-threaded": number by number. */
    static int byVersion(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].matches("\\d+") && y[i].matches("\\d+")
                    ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
