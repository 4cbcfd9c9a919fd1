package dev.gillab.experiment;

import java.util.Locale;

/** How lesson tables print times, sizes and counts: a few significant digits and a unit a person reads at a glance. */
public final class Units {

    private Units() {
    }

    /** A duration: "12 ns", "4.3 us", "120 us", "35.2 ms", "1.20 s". */
    public static String nanos(double nanos) {
        double abs = Math.abs(nanos);
        if (abs < 1e3) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (abs < 1e6) {
            return threeDigits(nanos / 1e3) + " us";
        }
        if (abs < 1e9) {
            return threeDigits(nanos / 1e6) + " ms";
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** A size: "64 B", "2 KiB", "1.5 KiB", "8 MiB". */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return binary(bytes / 1024.0) + " KiB";
        }
        return binary(bytes / (1024.0 * 1024)) + " MiB";
    }

    /** A ratio as a signed percentage: "+23%", "-1%", "+0.4%". */
    public static String percent(double ratio) {
        double p = 100 * ratio;
        return String.format(Locale.ROOT, Math.abs(p) < 10 ? "%+.1f%%" : "%+.0f%%", p);
    }

    /** A thread count: "1 thread", "2 threads". */
    public static String threads(int threads) {
        return threads + (threads == 1 ? " thread" : " threads");
    }

    private static String threeDigits(double v) {
        double abs = Math.abs(v);
        return String.format(Locale.ROOT, abs < 10 ? "%.2f" : abs < 100 ? "%.1f" : "%.0f", v);
    }

    private static String binary(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
