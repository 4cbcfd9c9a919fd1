package dev.gillab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a command writes its files, the one rule of every {@code gillab} command that writes
 * a folder ({@code demo}, {@code lesson --out}, {@code fidelity}, {@code report},
 * {@code bench}):
 * <ul>
 *   <li>{@code --out DIR}: into DIR, created if missing; files of the same names are replaced;</li>
 *   <li>no {@code --out}: into a new folder {@code gillab-out/COMMAND-yyyyMMdd-HHmmss} under the
 *       current folder, and {@code gillab-out/COMMAND-latest}, a symbolic link, then points at
 *       it, so the last run is always at the same path and no run overwrites another.</li>
 * </ul>
 * Where the file system has no symbolic links the folder is still made, without the link.
 *
 * <p>The folder is made, and proven writable by creating and deleting a file in it, when the
 * command starts: a folder that cannot be written is refused in a second, not after minutes
 * of measuring.
 */
public final class OutputFolder {

    /** The folder the default folders go into, under the current folder. */
    public static final Path ROOT = Path.of("gillab-out");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private OutputFolder() {
    }

    /**
     * {@code out} if given, else a new folder for {@code command} under {@link #ROOT}; created,
     * writable, absolute.
     *
     * @throws IllegalArgumentException if the folder cannot be created or written, naming it and the reason
     */
    public static Path resolve(Path out, String command) {
        return resolve(out, command, ROOT, LocalDateTime.now());
    }

    static Path resolve(Path out, String command, Path root, LocalDateTime now) {
        try {
            if (out != null) {
                return writable(Files.createDirectories(out).toAbsolutePath().normalize());
            }
            Files.createDirectories(root);
            String stem = command + "-" + now.format(STAMP);
            Path dir = root.resolve(stem);
            for (int n = 2; Files.exists(dir); n++) {
                dir = root.resolve(stem + "-" + n);
            }
            Files.createDirectory(dir);
            pointLatest(root.resolve(command + "-latest"), dir.getFileName());
            return writable(dir.toAbsolutePath().normalize());
        } catch (IOException | SecurityException e) {
            String kind = e.getClass().getSimpleName().replace("Exception", "");
            throw new IllegalArgumentException("cannot write in the output folder " + (out != null ? out : root)
                    + " (" + (e.getMessage() == null ? kind : kind + ": " + e.getMessage()) + ")", e);
        }
    }

    private static Path writable(Path dir) throws IOException {
        Files.delete(Files.createTempFile(dir, ".gillab-write-check", ".tmp"));
        return dir;
    }

    /** Points the link {@code latest} at {@code target} (a sibling's name), replacing an older link, never a folder. */
    private static void pointLatest(Path latest, Path target) throws IOException {
        if (Files.exists(latest, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(latest)) {
            return;
        }
        Files.deleteIfExists(latest);
        try {
            Files.createSymbolicLink(latest, target);
        } catch (UnsupportedOperationException | IOException e) {
            // No symbolic links here: the dated folder is the result.
        }
    }
}
