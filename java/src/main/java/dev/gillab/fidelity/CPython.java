package dev.gillab.fidelity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real CPython that gillab is compared with: an interpreter found on the {@code PATH} (or
 * given), and the fidelity scripts it runs.
 *
 * <h2>The scripts</h2>
 *
 * The scripts are class-path resources under {@code /fidelity/} (in the jar when gillab runs
 * from it), standard library only. The first {@link #run} copies them into a fresh temporary
 * folder, from which each runs as {@code python3 script.py --target S --repeats R ...}, so
 * that {@code _common.py} beside them is importable; {@link #close} deletes the folder. Each
 * script prints one JSON line ({@link ScriptOutput}).
 *
 * <h2>Bounded</h2>
 *
 * Every process gets a time limit; past it, the script and all its children (a
 * multiprocessing pool, an echo server) are killed and the run fails with a
 * {@link CPythonException}. A missing interpreter is not an error here: {@link #available()}
 * says so, and {@link #run} then refuses with the reason.
 */
public final class CPython implements AutoCloseable {

    /** The interpreter used unless another is given: whatever {@code python3} the PATH finds. */
    public static final String DEFAULT_EXECUTABLE = "python3";

    /** Every script, shipped under {@link #RESOURCE_FOLDER}; {@code _common.py} is the one they share. */
    static final List<String> SCRIPTS = List.of("_common.py", "countdown.py", "hashing.py", "pool.py",
            "sleep.py", "echo.py", "lost_updates.py", "release_cost.py", "iteration_cost.py", "increments.py",
            "ctypes_calls.py", "lock_returns.py", "event_loop.py");

    static final String RESOURCE_FOLDER = "/fidelity/";

    /**
     * The free-threaded build's switch: unset, the GIL is off until a module needs it; 0 keeps
     * it off, 1 turns it on ({@code Python/initconfig.c}). No script inherits it from the caller.
     */
    public static final String PYTHON_GIL = "PYTHON_GIL";

    private static final Duration PROBE_LIMIT = Duration.ofSeconds(20);
    /** Asks an interpreter what it is: {@code {"implementation": "cpython", "version": "3.11.7"}}. */
    private static final String PROBE = "import json, platform, sys; print(json.dumps({'implementation': "
            + "sys.implementation.name, 'version': platform.python_version()}))";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String executable;
    /** E.g. "CPython 3.11.7"; null when unavailable. */
    private final String version;
    /** Why it is unavailable; null when available. */
    private final String problem;
    /** Whether the program ran and answered, but is not CPython. */
    private final boolean notCPython;
    /** The extracted scripts; null until the first run. */
    private Path scripts;

    private CPython(String executable, String version, String problem) {
        this(executable, version, problem, false);
    }

    private CPython(String executable, String version, String problem, boolean notCPython) {
        this.executable = executable;
        this.version = version;
        this.problem = problem;
        this.notCPython = notCPython;
    }

    /**
     * Looks for the interpreter {@code executable} (a path, or a name the PATH resolves) by
     * asking it for its implementation and version as JSON. Never throws: an interpreter that
     * cannot be started, does not answer with that JSON (any program that is not Python), or
     * is another implementation than CPython (PyPy, GraalPy) is {@linkplain #available()
     * unavailable}, with the reason.
     */
    public static CPython locate(String executable) {
        try {
            Finished probe = execute(List.of(executable, "-c", PROBE), null, PROBE_LIMIT, Map.of());
            String answer = probe.stdout().strip();
            if (probe.exitCode() != 0 || answer.isEmpty()) {
                return new CPython(executable, null, "'" + executable + " -c ...' failed (exit code "
                        + probe.exitCode() + "): " + probe.stderr().strip());
            }
            String implementation;
            String version;
            try {
                JsonNode json = JSON.readTree(answer);
                implementation = json.path("implementation").asText("");
                version = json.path("version").asText("");
            } catch (JsonProcessingException e) {
                implementation = "";
                version = "";
            }
            if (version.isEmpty()) {
                return new CPython(executable, null, "'" + executable + "' is not a Python interpreter: asked for its "
                        + "implementation and version as JSON, it answered '" + firstLine(answer) + "'", true);
            }
            if (!implementation.equals("cpython")) {
                return new CPython(executable, null, "'" + executable + "' is " + implementation + " " + version
                        + ", not CPython", true);
            }
            return new CPython(executable, "CPython " + version, null);
        } catch (CPythonException e) {
            return new CPython(executable, null, e.getMessage());
        }
    }

    /** An interpreter that cannot run anything, for the reason {@code problem}. */
    static CPython unavailable(String executable, String problem) {
        return new CPython(executable, null, problem);
    }

    public boolean available() {
        return problem == null;
    }

    /**
     * Whether the program ran and answered but is not CPython (another Python, or no Python at
     * all): a wrong {@code --python}, unlike an interpreter that is simply absent.
     */
    public boolean isNotCPython() {
        return notCPython;
    }

    public String executable() {
        return executable;
    }

    /** The implementation and version, e.g. {@code "CPython 3.11.7"}; "none" when unavailable. */
    public String version() {
        return available() ? version : "none";
    }

    /** Why it is unavailable; null when it is available. */
    String problem() {
        return problem;
    }

    /** One line for the user: what runs CPython's side, or why nothing does. */
    public String describe() {
        return available() ? version + " (" + executable + ")" : "no python: " + problem;
    }

    /**
     * Runs {@code script} (one of {@link #SCRIPTS}) with the effort's target and repeats and
     * {@code args}, and returns its figures.
     *
     * @param scenario the scenario name the script's output must carry
     * @throws CPythonException if python is unavailable, or the script fails, times out, or prints bad output
     */
    public Figures run(String script, String scenario, Effort effort, List<String> args) {
        return run(script, scenario, effort, args, Map.of());
    }

    /**
     * {@link #run(String, String, Effort, List)} with {@code environment} added to the
     * script's environment, e.g. {@code PYTHON_GIL=1}.
     */
    public Figures run(String script, String scenario, Effort effort, List<String> args,
                       Map<String, String> environment) {
        if (!available()) {
            throw new CPythonException(problem);
        }
        if (!SCRIPTS.contains(script)) {
            throw new IllegalArgumentException("no fidelity script '" + script + "'; the scripts are " + SCRIPTS);
        }
        List<String> command = new ArrayList<>(List.of(executable, scripts().resolve(script).toString(),
                "--target", effort.targetArgument(), "--repeats", Integer.toString(effort.repeats())));
        command.addAll(args);
        Finished done = execute(command, scripts(), effort.scriptLimit(), environment);
        if (done.exitCode() != 0) {
            throw new CPythonException(script + " failed (exit code " + done.exitCode() + "): "
                    + lastLines(done.stderr(), 5));
        }
        return ScriptOutput.parse(done.stdout(), scenario);
    }

    /** Deletes the extracted scripts. */
    @Override
    public synchronized void close() {
        if (scripts == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(scripts)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the extracted scripts in " + scripts, e);
        }
        scripts = null;
    }

    private synchronized Path scripts() {
        if (scripts == null) {
            scripts = extract();
        }
        return scripts;
    }

    private static Path extract() {
        try {
            Path dir = Files.createTempDirectory("gillab-fidelity-");
            for (String name : SCRIPTS) {
                try (InputStream in = CPython.class.getResourceAsStream(RESOURCE_FOLDER + name)) {
                    if (in == null) {
                        throw new IllegalStateException("the script " + RESOURCE_FOLDER + name
                                + " is missing from the class path");
                    }
                    Files.copy(in, dir.resolve(name));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract the fidelity scripts", e);
        }
    }

    // -------------------------------------------------------------------------------------------

    private record Finished(int exitCode, String stdout, String stderr) {
    }

    /**
     * What {@code code} (run with {@code -c}) prints, stripped.
     *
     * @throws CPythonException if python is unavailable or the code fails
     */
    String evaluate(String code) {
        if (!available()) {
            throw new CPythonException(problem);
        }
        Finished done = execute(List.of(executable, "-c", code), null, PROBE_LIMIT, Map.of());
        if (done.exitCode() != 0) {
            throw new CPythonException("'" + executable + " -c ...' failed (exit code " + done.exitCode() + "): "
                    + lastLines(done.stderr(), 5));
        }
        return done.stdout().strip();
    }

    /**
     * Runs {@code command} in {@code dir} (null: the current one) with {@code environment} added
     * to this process's, within {@code limit}.
     */
    private static Finished execute(List<String> command, Path dir, Duration limit, Map<String, String> environment) {
        Path out = null;
        Path err = null;
        Process p = null;
        try {
            out = Files.createTempFile("gillab-python-", ".out");
            err = Files.createTempFile("gillab-python-", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            pb.environment().remove(PYTHON_GIL); // as the scenario says, never as the caller's shell left it
            pb.environment().putAll(environment);
            p = pb.start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new CPythonException(String.join(" ", command.subList(0, Math.min(2, command.size())))
                        + " did not finish within " + limit.toSeconds() + " s: stopped");
            }
            return new Finished(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CPythonException("cannot run '" + command.get(0) + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CPythonException("interrupted while '" + command.get(0) + "' ran", e);
        } finally {
            if (p != null && p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a leftover temporary file is harmless
            }
        }
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }

    private static String lastLines(String text, int n) {
        List<String> lines = text.strip().lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
