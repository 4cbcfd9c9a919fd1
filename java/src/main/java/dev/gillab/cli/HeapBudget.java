package dev.gillab.cli;

import java.util.Locale;

/**
 * Whether what a command is about to allocate fits the Java heap, asked before it allocates.
 *
 * <p>The heap can grow to {@link Runtime#maxMemory()} (the {@code -Xmx} limit, or a quarter of
 * the machine's memory by default); part of it is already in use. A request larger than what
 * is left is refused up front with one line: what needs how much, what this JVM has, and the
 * {@code -Xmx} that would do, rounded up to a whole 256 MiB with room for the JVM's own use.
 * The estimate only has to be right to within that room: an allocation that still fails is
 * caught by {@link Main} as an {@link OutOfMemoryError} and reported the same way.
 */
final class HeapBudget {

    private static final long MIB = 1L << 20;
    private static final long STEP = 256 * MIB;
    /** What the JVM and gillab itself take beside a command's big arrays, with margin. */
    private static final long OWN_USE = 128 * MIB;

    private HeapBudget() {
    }

    /**
     * Refuses {@code bytes} that do not fit the heap left.
     *
     * @param what what needs the memory, e.g. "matmul at size 4096"
     * @throws IllegalArgumentException saying how much is needed and how to get it
     */
    static void require(String what, long bytes) {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        long max = runtime.maxMemory();
        if (bytes > max - used) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s needs about %s of Java heap, more than this JVM has free (%s of at most %s): %s, "
                            + "or a smaller size",
                    what, mib(bytes), mib(max - used), mib(max), howToGet(bytes)));
        }
    }

    /** "run it with -Xmx768m (java -Xmx768m -jar gillab.jar ..., or JAVA_TOOL_OPTIONS=-Xmx768m ./gillab ...)". */
    static String howToGet(long bytes) {
        long heap = Math.ceilDiv(bytes + OWN_USE, STEP) * STEP;
        String flag = "-Xmx" + heap / MIB + "m";
        return "run it with " + flag + " (java " + flag + " -jar gillab.jar ..., or JAVA_TOOL_OPTIONS=" + flag
                + " ./gillab ...)";
    }

    /** "384 MiB", or "12.0 GiB" from 10 GiB up. */
    static String mib(long bytes) {
        return bytes >= 10 * 1024 * MIB ? String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * MIB))
                : Math.ceilDiv(bytes, MIB) + " MiB";
    }
}
