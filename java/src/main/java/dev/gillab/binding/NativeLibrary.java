package dev.gillab.binding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Finds the C library {@code libgillab} as a real file, for the bindings that open it by path
 * (JNA and FFM; JavaCPP carries and loads its own copy beside its JNI glue).
 *
 * <p>Lookup order, first hit wins:
 * <ol>
 *   <li>the folder named by the system property {@value #PATH_PROPERTY}, for a library built
 *       elsewhere (for example by {@code cmake --build build});</li>
 *   <li>the class-path resource {@code <platform>/libgillab.so} (where the build puts it, in
 *       {@code target/classes} and inside the runnable jar), extracted once per JVM to a
 *       temporary file, because {@code dlopen} and FFM's {@code SymbolLookup.libraryLookup}
 *       need a file, not a jar entry.</li>
 * </ol>
 * A failure names the library, every place looked at and the command that builds it.
 *
 * <h2>The extracted copy</h2>
 *
 * The copy lives in a folder of its own under {@code java.io.tmpdir}, named
 * {@value #TEMP_PREFIX}{@code <pid>-<random>}. One shutdown hook deletes the file and then the
 * folder when the JVM exits normally (Linux lets a loaded library's file be deleted: the mapping
 * stays). A JVM that is killed cannot run the hook, so each extraction first deletes the
 * folders whose process is gone: the folder's name carries its owner's pid, and a folder is
 * deleted only when no process with that pid is alive.
 */
public final class NativeLibrary {

    /** System property: a folder holding {@code libgillab.so} that overrides the bundled copy. */
    public static final String PATH_PROPERTY = "gillab.library.path";

    /** The command that builds the library and the jar that carries it. */
    public static final String BUILD_COMMAND = "./gillab build   (or: cmake -S . -B build && cmake --build build)";

    private static final String FILE_NAME = System.mapLibraryName("gillab");

    /** How the extraction folders' names start; the owner's pid and a dash follow. */
    static final String TEMP_PREFIX = "gillab-native-";

    private NativeLibrary() {
    }

    /** The class-path folder of this platform's native libraries, in JNA's naming, e.g. {@code linux-x86-64}. */
    public static String platformFolder() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "darwin" : os.replaceAll("\\W", "");
        String archName = switch (arch) {
            case "amd64", "x86_64" -> "x86-64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        return osName + "-" + archName;
    }

    /** The library file, extracted on first use; the same path for the rest of the JVM's life. */
    public static Path file() {
        return Holder.RESULT.file();
    }

    private record Lookup(Path path, String failure) {
        Path file() {
            if (path == null) {
                throw new NativeLibraryUnavailableException(failure);
            }
            return path;
        }
    }

    private static final class Holder {
        static final Lookup RESULT = lookup();
    }

    private static Lookup lookup() {
        String override = System.getProperty(PATH_PROPERTY);
        String resource = platformFolder() + "/" + FILE_NAME;
        if (override != null) {
            Path candidate = Path.of(override).resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return new Lookup(candidate.toAbsolutePath(), null);
            }
            return new Lookup(null, failure("the folder " + override + " named by -D" + PATH_PROPERTY + " (no "
                    + FILE_NAME + " there)"));
        }
        try (InputStream in = NativeLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return new Lookup(null, failure("-D" + PATH_PROPERTY + " (not set), then the class-path resource /"
                        + resource + " (not found)"));
            }
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            deleteFoldersOfEndedProcesses(tmp);
            Path dir = Files.createTempDirectory(tmp, TEMP_PREFIX + ProcessHandle.current().pid() + "-");
            Path target = dir.resolve(FILE_NAME);
            deleteAtExit(dir);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return new Lookup(target, null);
        } catch (IOException e) {
            return new Lookup(null, failure("the class-path resource /" + resource + " (extracting it failed: "
                    + e.getMessage() + ")"));
        }
    }

    /**
     * Deletes the extraction folders under {@code tmp} whose owner process has ended (killed
     * before its shutdown hook could run). Best effort: a folder that cannot be deleted stays.
     */
    static void deleteFoldersOfEndedProcesses(Path tmp) {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(tmp, TEMP_PREFIX + "*")) {
            for (Path folder : folders) {
                OptionalLong owner = ownerPid(folder.getFileName().toString());
                if (owner.isPresent() && ProcessHandle.of(owner.getAsLong()).isEmpty()) {
                    deleteFolder(folder);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // An unreadable temporary folder only means that stale copies stay there.
        }
    }

    /** The pid in a folder name {@code gillab-native-<pid>-<random>}, if the name has that form. */
    static OptionalLong ownerPid(String folderName) {
        String rest = folderName.substring(TEMP_PREFIX.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(rest.substring(0, dash)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Registers the shutdown hook that deletes {@code folder}; when the JVM is already exiting, the next extraction
     * will.
     */
    private static void deleteAtExit(Path folder) {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteFolder(folder), "gillab-native-cleanup"));
        } catch (IllegalStateException e) {
            // Shutdown has begun: the folder outlives this JVM and a later extraction deletes it.
        }
    }

    /** Deletes an extraction folder: its files (the library), then the folder itself. */
    private static void deleteFolder(Path folder) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException | DirectoryIteratorException e) {
            // Best effort at exit: nothing is left to report to.
        }
    }

    private static String failure(String lookedAt) {
        return "the native library " + FILE_NAME + " could not be loaded. Looked at: " + lookedAt
                + ". Build it with: " + BUILD_COMMAND;
    }
}
