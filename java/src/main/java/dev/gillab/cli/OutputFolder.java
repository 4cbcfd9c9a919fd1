package dev.gillab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder a command writes into, made ready before the command runs its experiment: created
 * if missing, and proven writable by creating and deleting a file in it, so that a bad
 * {@code --out} is refused in a second, not after minutes of measuring.
 */
final class OutputFolder {

    private OutputFolder() {
    }

    /**
     * Creates {@code dir} if needed and checks that a file can be written in it.
     *
     * @param option the option that named it, e.g. {@code --out}
     * @return {@code dir}
     * @throws IllegalArgumentException naming the option, the folder and the reason
     */
    static Path prepare(Path dir, String option) {
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".gillab-write-check", ".tmp"));
            return dir;
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(option + " " + dir + ": cannot write there (" + reason(e) + ")");
        }
    }

    private static String reason(Exception e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }
}
