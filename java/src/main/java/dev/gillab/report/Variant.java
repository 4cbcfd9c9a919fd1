package dev.gillab.report;

import java.util.Map;

/**
 * A way of running a kernel named by what it is, for the legends and tables a reader sees:
 * {@code binding=java-locked lock=hold} is "Java, holds the lock", {@code binding=ffm
 * lock=release} is "C via FFM, releases the lock".
 *
 * <p>The bindings are the project's ({@code dev.gillab.binding.Binding}) plus the two pure-Java
 * cases of the scaling suite: {@code java-locked}, interpreted Java under a switch-mode lock,
 * and {@code java-free}, the same under the free-threaded mode. An unknown binding keeps its
 * id, so a new one is still shown, only less kindly.
 */
public final class Variant {

    private static final Map<String, String> BINDINGS = Map.ofEntries(
            Map.entry("java", "Java"),
            Map.entry("java-locked", "Java"),
            Map.entry("java-free", "Java, free-threaded"),
            Map.entry("jna", "C via JNA"),
            Map.entry("jna-direct", "C via JNA direct"),
            Map.entry("jna-memory", "C via JNA, native memory"),
            Map.entry("javacpp", "C via JavaCPP"),
            Map.entry("javacpp-critical", "C via JavaCPP, pinned"),
            Map.entry("javacpp-noexception", "C via JavaCPP, no exception check"),
            Map.entry("ffm", "C via FFM"),
            Map.entry("ffm-critical", "C via FFM critical"));

    private Variant() {
    }

    /** "C via FFM" for {@code ffm}; the id itself for an unknown binding. */
    public static String binding(String id) {
        return BINDINGS.getOrDefault(id, id);
    }

    /**
     * The binding and what the call does with the lock: "Java, holds the lock", "C via FFM,
     * releases the lock". A null or empty {@code lock} leaves the lock out.
     */
    public static String of(String binding, String lock) {
        String what = binding(binding);
        return lock == null || lock.isEmpty() ? what : what + ", " + lock(lock);
    }

    /** "holds the lock" for {@code hold}, "releases the lock" for {@code release}. */
    public static String lock(String lock) {
        return switch (lock) {
            case "hold", "held" -> "holds the lock";
            case "release", "released" -> "releases the lock";
            default -> "lock " + lock;
        };
    }
}
