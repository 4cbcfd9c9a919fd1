package dev.gillab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gillab.binding.Binding;
import dev.gillab.experiment.Row;
import dev.gillab.fidelity.Comparison;
import dev.gillab.fidelity.FidelityReport;
import dev.gillab.fidelity.ScenarioResult;
import dev.gillab.kernel.Kernel;
import dev.gillab.lesson.Band;
import dev.gillab.lesson.Expectation;
import dev.gillab.lesson.Judgement;
import dev.gillab.lesson.LessonResult;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What {@code --json} prints: one JSON document per command on standard output, its field
 * names fixed here (and documented in {@code docs/JSON.md}), apart from the classes whose data
 * they carry, so that renaming a field in the code does not silently change the output. Every
 * document carries {@code schema}, {@link #SCHEMA}, raised when a field changes meaning or is
 * removed (adding one does not).
 */
final class JsonOutput {

    /** The version of the field names below. */
    static final int SCHEMA = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    /** {@code gillab run --json}. */
    record RunJson(int schema, String command, String kernel, String binding, long size, int maxIter, String result,
                   double elapsedMillis) {

        static RunJson of(Kernel kernel, Binding binding, long size, int maxIter, String result, long elapsedNanos) {
            return new RunJson(SCHEMA, "run", kernel.id(), binding.id(), size, maxIter, result, elapsedNanos / 1e6);
        }
    }

    /** {@code gillab kernels --json}. */
    record KernelsJson(int schema, String command, List<KernelJson> kernels, List<BindingJson> bindings) {

        static KernelsJson now() {
            return new KernelsJson(SCHEMA, "kernels",
                    Arrays.stream(Kernel.values()).map(k -> new KernelJson(k.id(), k.sizeMeaning(),
                            k.takesSize() ? k.defaultSize() : null)).toList(),
                    Arrays.stream(Binding.values()).map(b -> new BindingJson(b.id(), b.description(),
                            b.unavailableReason().isEmpty(), b.unavailableReason().orElse(null))).toList());
        }
    }

    record KernelJson(String id, String size, Long defaultSize) {
    }

    record BindingJson(String id, String description, boolean available, String unavailableReason) {
    }

    /** {@code gillab lesson NN --json}. */
    record LessonJson(int schema, String command, int number, String title, String verdict, String analogue,
                      String expected, List<RowJson> rows, String conclusion, Map<String, Double> metrics,
                      List<JudgementJson> expectations, FilesJson files) {

        static LessonJson of(LessonResult r, FilesJson files) {
            return new LessonJson(SCHEMA, "lesson", r.info().number(), r.info().title(), r.info().verdict().label(),
                    r.info().analogue(), r.info().expected(), r.rows().stream().map(RowJson::of).toList(),
                    r.conclusion(), r.metrics(), r.judgements().stream().map(JudgementJson::of).toList(), files);
        }
    }

    /** One expectation of a lesson against the run: the band as numbers, null where open-ended. */
    record JudgementJson(String metric, String meaning, Double value, Double low, boolean lowIncluded, Double high,
                         boolean highIncluded, String needs, String cpython, boolean held) {

        static JudgementJson of(Judgement j) {
            Expectation e = j.expectation();
            Band b = e.band();
            return new JudgementJson(e.metric().name(), e.metric().meaning(), j.measured() ? j.value() : null,
                    Double.isInfinite(b.low()) ? null : b.low(), b.lowIncluded(),
                    Double.isInfinite(b.high()) ? null : b.high(), b.highIncluded(), e.needs().name(),
                    e.cpython(), j.held());
        }
    }

    record RowJson(String label, int threads, double wallMillis, double speedup, long switches, long forcedDrops,
                   double lockWaitShare, Map<String, String> extra) {

        static RowJson of(Row r) {
            return new RowJson(r.label(), r.threads(), r.wallMillis(), r.speedup(), r.switches(), r.forcedDrops(),
                    r.waitShare(), r.extra());
        }
    }

    /** The files a command wrote, as paths; null entries were not written. */
    record FilesJson(String folder, String chart, String timeline, String trace, String markdown) {

        static String path(Path p) {
            return p == null ? null : p.toAbsolutePath().normalize().toString();
        }
    }

    /** {@code gillab fidelity --json}. */
    record FidelityJson(int schema, String command, String commandLine, MachineJson machine, String effort,
                        List<ScenarioJson> scenarios, String summary, FilesJson files) {

        static FidelityJson of(FidelityReport report, FilesJson files) {
            var c = report.conditions();
            var m = c.machine();
            return new FidelityJson(SCHEMA, "fidelity", report.command(),
                    new MachineJson(m.cores(), m.cpu(), m.jdk(), c.cpython(), m.os(), m.date(), c.loadBefore(),
                            c.loadAfter()),
                    report.effort().repeats() + " repeats of about " + report.effort().targetSeconds() + " s",
                    report.results().stream().map(ScenarioJson::of).toList(), report.summary(), files);
        }
    }

    record MachineJson(int cores, String cpu, String jdk, String cpython, String os, String date, String loadBefore,
                       String loadAfter) {
    }

    record ScenarioJson(int number, String title, String unit, double cpythonSeconds, double gillabSeconds,
                        List<ComparisonJson> comparisons) {

        static ScenarioJson of(ScenarioResult r) {
            return new ScenarioJson(r.info().number(), r.info().title(), r.info().unit(), r.cpythonSeconds(),
                    r.gillabSeconds(), r.comparisons().stream().map(ComparisonJson::of).toList());
        }
    }

    record ComparisonJson(String what, List<Double> cpython, Double cpythonMedian, List<Double> gillab,
                          Double gillabMedian, String tolerance, String judgement, boolean holds, String note) {

        static ComparisonJson of(Comparison c) {
            return new ComparisonJson(c.what(), c.cpython() == null ? null : c.cpython().values(),
                    c.cpython() == null ? null : c.cpython().median(), c.gillab() == null ? null : c.gillab().values(),
                    c.gillab() == null ? null : c.gillab().median(), c.tolerance().describe(), c.judgement().label(),
                    c.judgement() == dev.gillab.fidelity.Judgement.HOLDS, c.note());
        }
    }

    /** Prints {@code document} as indented JSON and a line break. */
    static void print(PrintWriter out, Object document) {
        try {
            out.println(JSON.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + document.getClass().getSimpleName() + " as JSON", e);
        }
        out.flush();
    }
}
