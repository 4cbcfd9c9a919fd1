package dev.gillab.fidelity;

/**
 * A scenario whose CPython side runs on the free-threaded build (PEP 703; {@code python3.13t},
 * found by {@link FreeThreadedBuild}), with the GIL off, on, or as the modules loaded decide,
 * through the {@link CPython#PYTHON_GIL} variable; gillab's side runs the {@code free} mode,
 * and the {@code switch} mode where the build runs with its lock. Without that build the
 * scenario is skipped, not failed ({@link Fidelity#skipped}).
 */
public interface FreeThreadedScenario extends Scenario {
}
