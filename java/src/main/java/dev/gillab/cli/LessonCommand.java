package dev.gillab.cli;

import dev.gillab.binding.Binding;
import dev.gillab.lesson.Catalogue;
import dev.gillab.lesson.Lesson;
import dev.gillab.lesson.LessonResult;
import dev.gillab.lesson.LessonSettings;
import dev.gillab.lock.LockMode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gillab lesson NN}: runs one lesson and prints its table and conclusion. */
@Command(name = "lesson", mixinStandardHelpOptions = true,
        description = "Run one lesson of the catalogue and print its table and conclusion.")
final class LessonCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NN", description = "The lesson's number (see 'gillab lessons').")
    private int number;

    @Option(names = "--threads", split = ",", paramLabel = "N[,N...]",
            description = "Thread counts to compare, e.g. 1,2,4 (default: the lesson's own).")
    private List<Integer> threads = List.of();

    @Option(names = "--mode", converter = LockModeConverter.class,
            description = "The lock mode: switch, ticks, free or priority (default: the lesson's own).")
    private LockMode mode;

    @Option(names = "--binding", converter = BindingConverter.class,
            description = "The native binding (default: the lesson's own).")
    private Binding binding;

    @Option(names = "--switch-interval", paramLabel = "MICROS",
            description = "The switch interval in microseconds, like sys.setswitchinterval (default: 5000).")
    private Long switchIntervalMicros;

    @Option(names = "--quick", description = "A quarter of the work: faster, noisier.")
    private boolean quick;

    @Override
    public Integer call() {
        Lesson lesson = Catalogue.byNumber(number);
        LessonSettings settings = (quick ? LessonSettings.quick() : LessonSettings.defaults())
                .withThreads(threads).withMode(mode).withBinding(binding)
                .withSwitchIntervalMicros(switchIntervalMicros);
        PrintWriter out = spec.commandLine().getOut();
        LessonText.header(out, lesson.info());
        LessonResult result = lesson.run(settings);
        LessonText.result(out, result);
        return 0;
    }
}
