package dev.gillab.fidelity;

import dev.gillab.experiment.ThreadedRun;
import dev.gillab.lock.Extension;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.InterpreterConfig;
import dev.gillab.lock.LockMode;

/**
 * gillab's {@code lock_returns.py}: one {@code free} interpreter per turn, the countdown timed
 * on 1 and 2 threads before any load, after loading a declared extension and after loading an
 * undeclared one ({@link Interpreter#load}), with {@link Interpreter#isGilEnabled()} at each
 * stage, under the figure names of {@link LockComesBackScenario}.
 */
final class LockComesBack {

    private LockComesBack() {
    }

    static Figures measure(Effort effort) {
        InterpreterConfig free = InterpreterConfig.of(LockMode.FREE);
        long n = Calibration.even(Countdowns.calibrate(free, effort.targetSeconds()));
        Interpreter interpreter = Interpreter.create(free);
        Figures.Builder figures = Figures.builder();
        for (String stage : LockComesBackScenario.STAGES) {
            switch (stage) {
                case "declared" -> load(interpreter, Extension.declared("gillab_declared"));
                case "undeclared" -> load(interpreter, Extension.undeclared("gillab_undeclared"));
                default -> { }
            }
            for (int r = 0; r < effort.repeats(); r++) {
                figures.add("enabled " + stage, interpreter.isGilEnabled() ? 1 : 0);
            }
            Countdowns.seconds(interpreter, 2, n); // the first two-thread run after a change is a warm-up
            for (int r = 0; r < effort.repeats(); r++) {
                for (int k = 1; k <= 2; k++) {
                    figures.add("t" + k + " " + stage, Countdowns.seconds(interpreter, k, n));
                }
            }
        }
        return figures.build();
    }

    /** {@code import}: loads {@code extension} on a thread holding the lock, as an import runs. */
    private static void load(Interpreter interpreter, Extension extension) {
        ThreadedRun.run(interpreter, 1, "import", i -> interpreter.load(extension));
    }
}
