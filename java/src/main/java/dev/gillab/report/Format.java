package dev.gillab.report;

import java.util.Locale;

/** How the benchmark report writes numbers: three significant figures, no exponent below a billion. */
final class Format {

    private Format() {
    }

    /** {@code 0.0123}, {@code 1.23}, {@code 12.3}, {@code 123}, {@code 12,345}. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** {@code 12.3 ± 0.4 ns/op}; the error is left out when JMH could not compute one. */
    static String score(JmhResult e) {
        String error = Double.isNaN(e.scoreError()) ? "" : " ± " + number(e.scoreError());
        return number(e.score()) + error + " " + e.scoreUnit();
    }

    /** A ratio: {@code 1.93x}. */
    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2fx", r);
    }
}
