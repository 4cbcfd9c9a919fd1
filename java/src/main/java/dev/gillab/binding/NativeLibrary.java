package dev.gillab.binding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

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
 */
public final class NativeLibrary {

    /** System property: a folder holding {@code libgillab.so} that overrides the bundled copy. */
    public static final String PATH_PROPERTY = "gillab.library.path";

    /** The command that builds the library and the jar that carries it. */
    public static final String BUILD_COMMAND = "./gillab build   (or: cmake -S . -B build && cmake --build build)";

    private static final String FILE_NAME = System.mapLibraryName("gillab");

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
            return new Lookup(null, failure("the folder " + override + " named by -D" + PATH_PROPERTY + " (no " + FILE_NAME + " there)"));
        }
        try (InputStream in = NativeLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return new Lookup(null, failure("-D" + PATH_PROPERTY + " (not set), then the class-path resource /" + resource + " (not found)"));
            }
            Path dir = Files.createTempDirectory("gillab-native");
            Path target = dir.resolve(FILE_NAME);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return new Lookup(target, null);
        } catch (IOException e) {
            return new Lookup(null, failure("the class-path resource /" + resource + " (extracting it failed: " + e.getMessage() + ")"));
        }
    }

    private static String failure(String lookedAt) {
        return "the native library " + FILE_NAME + " could not be loaded. Looked at: " + lookedAt
                + ". Build it with: " + BUILD_COMMAND;
    }
}
