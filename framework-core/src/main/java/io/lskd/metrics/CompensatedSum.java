package io.lskd.metrics;

/**
 * A running sum with Neumaier's compensation (improved Kahan summation).
 *
 * <p>Why: metrics sum millions of terms; a plain double sum loses about {@code n * eps}
 * relative accuracy in the worst case and depends on the order of the terms. The compensated
 * sum keeps the rounding error of every addition in {@code compensation}, so the total is
 * accurate to a few ulps whatever the order or the batch split.
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    /** Adds {@code x}: t = s + x; c += (|s| >= |x|) ? (s - t) + x : (x - t) + s; s = t. */
    void add(double x) {
        double t = sum + x;
        compensation += roundingError(sum, x, t);
        sum = t;
    }

    /**
     * The same step on entry j of a vector of sums kept in two arrays, for callers that hold
     * many sums and would rather not allocate an object per entry.
     */
    static void add(double[] sums, double[] compensations, int j, double x) {
        double t = sums[j] + x;
        compensations[j] += roundingError(sums[j], x, t);
        sums[j] = t;
    }

    /** The compensated total. */
    double value() {
        return sum + compensation;
    }

    /** The exact error of t = fl(s + x), by Neumaier's branch on the larger operand. */
    private static double roundingError(double s, double x, double t) {
        return Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
    }
}
