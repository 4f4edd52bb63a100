package io.pushfleet.bench.stats;

/**
 * An ordinary least-squares line {@code y = intercept + slope * x} through measured points; for memory
 * against connections held, the slope is the cost per connection and the intercept the fixed cost.
 */
public record LinearFit(double slope, double intercept, int points) {

    /** The line through {@code (x[i], y[i])}; needs at least two distinct {@code x}. */
    public static LinearFit of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("points: " + x.length + " x and " + y.length + " y (expected: as many)");
        }
        int n = x.length;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += x[i] / n;
            meanY += y[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - meanX) * (x[i] - meanX);
            sxy += (x[i] - meanX) * (y[i] - meanY);
        }
        if (n < 2 || sxx == 0) {
            throw new IllegalArgumentException("points: " + n + " with " + (sxx == 0 ? "one x value" : "fewer than 2")
                    + " (expected: at least two distinct x)");
        }
        double slope = sxy / sxx;
        return new LinearFit(slope, meanY - slope * meanX, n);
    }
}
