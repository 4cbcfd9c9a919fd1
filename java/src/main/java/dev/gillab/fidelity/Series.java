package dev.gillab.fidelity;

import dev.gillab.experiment.Units;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * One figure measured several times: a value per repeat, summarised by its median and its
 * spread (min..max). A figure quoted from the literature is a series of one value.
 *
 * @param values one value per repeat, in the order measured; never empty, every value finite
 */
public record Series(List<Double> values) {

    public Series {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a series needs at least one value");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("a series holds finite numbers only, got " + v + " in " + values);
            }
        }
    }

    public static Series of(double... values) {
        return new Series(Arrays.stream(values).boxed().toList());
    }

    /** The middle value; the mean of the two middle values when there is an even number. */
    public double median() {
        double[] v = sorted();
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    public double min() {
        return sorted()[0];
    }

    public double max() {
        double[] v = sorted();
        return v[v.length - 1];
    }

    public int size() {
        return values.size();
    }

    /**
     * {@code "1.02 [0.98..1.07]"}: the median, then min..max, each by {@link Units#number}; a
     * value that never varied alone.
     */
    public String describe() {
        if (min() == max()) {
            return Units.number(median());
        }
        return Units.number(median()) + " [" + Units.number(min()) + ".." + Units.number(max()) + "]";
    }

    /** Each value transformed. */
    public Series map(DoubleUnaryOperator f) {
        return new Series(values.stream().map(f::applyAsDouble).toList());
    }

    /**
     * The values of two series measured side by side (repeat i of one with repeat i of the
     * other) combined pair by pair: a ratio or a difference of runs made close together in
     * time, which a busy machine disturbs less than a ratio of medians.
     *
     * @throws IllegalArgumentException if the series have different lengths
     */
    public static Series pairwise(Series a, Series b, DoubleBinaryOperator f) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("series measured side by side must have as many repeats: "
                    + a.size() + " vs " + b.size());
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(a.values.get(i), b.values.get(i));
        }
        return of(out);
    }

    private double[] sorted() {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v;
    }
}
