package io.pushfleet.bench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One figure measured once per run (for example "POST to last push, ms"), summarised as the median and
 * the range over the runs. A run that could not measure the figure adds {@link Double#NaN}, which is kept
 * out of the median and shown as {@code -} among the runs.
 */
public final class RunSeries {

    private final String name;
    private final List<Double> values = new ArrayList<>();

    public RunSeries(String name) {
        this.name = requireNonNull(name, "name");
    }

    public String name() {
        return name;
    }

    public void add(double value) {
        values.add(value);
    }

    public List<Double> values() {
        return List.copyOf(values);
    }

    /** The median of the measured values (the mean of the middle two for an even count); NaN when none. */
    public double median() {
        double[] v = measured();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    public double min() {
        double[] v = measured();
        return v.length == 0 ? Double.NaN : v[0];
    }

    public double max() {
        double[] v = measured();
        return v.length == 0 ? Double.NaN : v[v.length - 1];
    }

    /** Runs that did not measure this figure. */
    public int missing() {
        return (int) values.stream().filter(d -> d.isNaN()).count();
    }

    private double[] measured() {
        double[] v = values.stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v;
    }
}
