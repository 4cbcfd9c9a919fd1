package dev.gillab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a figure was measured: read from the machine, "unknown" where it cannot say. */
class MachineTest {

    @Test
    void theCpuIsTheFirstModelNameOfCpuinfo(@TempDir Path dir) throws IOException {
        Path cpuinfo = Files.writeString(dir.resolve("cpuinfo"), """
                processor\t: 0
                model name\t: Some CPU @ 2.00GHz
                processor\t: 1
                model name\t: Another CPU
                """);

        assertThat(Machine.cpuModel(cpuinfo)).isEqualTo("Some CPU @ 2.00GHz");
        assertThat(Machine.cpuModel(dir.resolve("missing"))).isEqualTo(Machine.UNKNOWN);
    }

    @Test
    void aCommandThatCannotRunIsUnknown() {
        assertThat(Machine.firstLineOf("/nonexistent/gillab-no-such-command", "--version")).isEqualTo(Machine.UNKNOWN);
    }

    @Test
    void thisMachineHasItsCoresADateToTheSecondAndTheJdkThatRuns() {
        Machine here = Machine.current();

        assertThat(here.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(here.date()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(here.jdk()).startsWith(Runtime.version().toString());
        assertThat(here.withJdk("JDK 25, elsewhere").jdk()).isEqualTo("JDK 25, elsewhere");
        assertThat(here.withJdk("JDK 25, elsewhere").cores()).isEqualTo(here.cores());
    }
}
