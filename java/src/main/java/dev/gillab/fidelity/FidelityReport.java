package dev.gillab.fidelity;

import dev.gillab.experiment.Machine;
import dev.gillab.experiment.TextTable;
import dev.gillab.experiment.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A whole fidelity run: the machine, the command, the effort and every scenario's rows, as
 * a text table for the terminal and as Markdown for a file.
 *
 * @param conditions where, when and beside what it ran
 * @param command    the command line that regenerates it
 * @param effort     how much work each scenario did
 * @param results    one per scenario, in table order
 */
public record FidelityReport(RunConditions conditions, String command, Effort effort, List<ScenarioResult> results) {

    static final List<String> HEADER = List.of("#", "compared", "CPython", "gillab", "tolerance", "holds");

    public FidelityReport {
        results = List.copyOf(results);
    }

    /** Every row, in order. */
    public List<Comparison> comparisons() {
        return results.stream().flatMap(r -> r.comparisons().stream()).toList();
    }

    /** "24 of 31 comparisons hold (7 do not); 2 rows without a CPython figure." */
    public String summary() {
        List<Comparison> all = comparisons();
        long compared = all.stream().filter(c -> c.judgement().compared()).count();
        long holding = all.stream().filter(c -> c.judgement() == Judgement.HOLDS).count();
        long opposite = all.stream().filter(c -> c.judgement() == Judgement.OPPOSITE_DIRECTION).count();
        String s = String.format(Locale.ROOT,
                "%d of %d comparisons hold (%d outside tolerance, %d in the opposite direction)",
                holding, compared, compared - holding - opposite, opposite);
        long skipped = all.stream().filter(c -> c.judgement() == Judgement.SKIPPED).count();
        long missing = all.size() - compared - skipped;
        if (missing > 0) {
            s += String.format(Locale.ROOT, "; %d rows without both figures", missing);
        }
        if (skipped > 0) {
            s += String.format(Locale.ROOT, "; %d rows skipped", skipped);
        }
        return s + ".";
    }

    /** The table as aligned text. */
    public String table() {
        TextTable t = new TextTable(HEADER);
        for (Comparison c : comparisons()) {
            t.add(cells(c));
        }
        return t.render();
    }

    /** A Markdown document: the machine, the command, the table, the notes and the charts. */
    public String markdown(List<String> chartFiles) {
        Machine machine = conditions.machine();
        StringBuilder b = new StringBuilder();
        b.append("# gillab fidelity: CPython and gillab side by side\n\n");
        b.append("- Date: ").append(machine.date()).append('\n');
        b.append("- Command: `").append(command).append("`\n");
        b.append("- Machine: ").append(machine.cores()).append(" cores, ").append(machine.cpu()).append(", ")
                .append(machine.os()).append('\n');
        b.append("- Load average (1, 5, 15 min): ").append(conditions.loadBefore()).append(" before, ")
                .append(conditions.loadAfter().isEmpty() ? "?" : conditions.loadAfter()).append(" after\n");
        b.append("- gillab: ").append(machine.gillab()).append('\n');
        b.append("- JDK: ").append(machine.jdk()).append('\n');
        b.append("- C compiler: ").append(machine.compiler()).append('\n');
        b.append("- Python: ").append(conditions.cpython()).append('\n');
        b.append(String.format(Locale.ROOT, "- Effort: baseline runs of about %s s, %d repeats; figures are the "
                + "median [min..max] over the repeats%n%n", Units.number(effort.targetSeconds()), effort.repeats()));
        b.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        b.append("|---|---|---:|---:|---|---|\n");
        for (Comparison c : comparisons()) {
            b.append("| ").append(String.join(" | ", cells(c).stream().map(FidelityReport::escape).toList()))
                    .append(" |\n");
        }
        b.append('\n').append(summary()).append('\n');
        List<String> notes = notes();
        if (!notes.isEmpty()) {
            b.append("\nNotes:\n\n");
            notes.forEach(n -> b.append("- ").append(escape(n)).append('\n'));
        }
        if (!chartFiles.isEmpty()) {
            b.append("\n## Charts\n\n");
            for (ScenarioResult r : results) {
                String png = FidelityChart.fileName(r.info()) + ".png";
                if (chartFiles.contains(png)) {
                    b.append("![").append(r.info().number()).append(". ").append(r.info().title())
                            .append("](").append(png).append(")\n\n");
                }
            }
        }
        b.append(String.format(Locale.ROOT, "Time taken: CPython's side %.0f s, gillab's side %.0f s.%n",
                results.stream().mapToDouble(ScenarioResult::cpythonSeconds).sum(),
                results.stream().mapToDouble(ScenarioResult::gillabSeconds).sum()));
        return b.toString();
    }

    /** Why rows lack a figure, one per scenario that has such a reason. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (ScenarioResult r : results) {
            r.comparisons().stream().map(Comparison::note).filter(n -> n != null).findFirst()
                    .ifPresent(n -> notes.add(r.info().number() + ". " + n));
        }
        return notes;
    }

    /** One row's cells, in {@link #HEADER} order. */
    public static List<String> cells(Comparison c) {
        return List.of(Integer.toString(c.scenario()), c.what(),
                c.cpython() == null ? "-" : c.cpython().describe(),
                c.gillab() == null ? "-" : c.gillab().describe(),
                c.tolerance().describe(), c.judgement().label());
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }
}
