package dev.gillab.kernel;

/**
 * A rectangle of the complex plane, {@code [xMin, xMax] x [yMin, yMax]}, for the Mandelbrot
 * kernel. Bounds are checked by {@link KernelArguments#checkRegion}, not here, so that a bad
 * region reaches the kernel's validation and is reported with the parameter's name.
 */
public record Region(double xMin, double xMax, double yMin, double yMax) {

    /** The whole set: [-2.5, 1] x [-1.25, 1.25]. */
    public static final Region FULL_SET = new Region(-2.5, 1.0, -1.25, 1.25);
}
