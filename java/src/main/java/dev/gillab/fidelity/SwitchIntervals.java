package dev.gillab.fidelity;

import dev.gillab.experiment.Units;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** Switch intervals as the two sides spell them: microseconds in gillab, seconds for {@code sys.setswitchinterval}. */
final class SwitchIntervals {

    private SwitchIntervals() {
    }

    /** {@code 500 -> "0.5 ms"}. */
    static String label(long micros) {
        return Units.number(micros / 1000.0) + " ms";
    }

    /** The scripts' {@code --intervals} argument: {@code [100, 5000] -> "0.0001,0.005"}. */
    static String secondsArgument(List<Long> micros) {
        return micros.stream().map(us -> BigDecimal.valueOf(us, 6).stripTrailingZeros().toPlainString())
                .collect(Collectors.joining(","));
    }
}
