package dev.gillab.fidelity;

import java.math.BigDecimal;
import java.math.MathContext;

/** How figures are printed: three significant digits, a series as its median and its range. */
final class Format {

    private static final MathContext THREE_DIGITS = new MathContext(3);

    private Format() {
    }

    /** Three significant digits, no exponent: {@code 0.000123}, {@code 1.85}, {@code 1230}. */
    static String number(double v) {
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(THREE_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** {@code "1.02 [0.98..1.07]"}: the median, then min..max; a value that never varied alone. */
    static String series(Series s) {
        if (s.min() == s.max()) {
            return number(s.median());
        }
        return number(s.median()) + " [" + number(s.min()) + ".." + number(s.max()) + "]";
    }
}
