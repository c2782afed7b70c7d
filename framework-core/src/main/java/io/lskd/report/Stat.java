package io.lskd.report;

import java.util.List;
import java.util.Locale;

/**
 * Mean and sample standard deviation (ddof 1) of values over seeds; the std is NaN for one
 * value. NaN values (a metric a run lacks) are left out.
 */
record Stat(double mean, double std, int n) {

    static Stat of(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) {
            return new Stat(Double.NaN, Double.NaN, 0);
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new Stat(mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN, v.length);
    }

    /** "mean ± std" scaled, with {@code decimals} decimals; "-" when there is no value. */
    String format(double scale, int decimals) {
        if (n == 0) {
            return "-";
        }
        String pattern = "%." + decimals + "f";
        String m = String.format(Locale.ROOT, pattern, mean * scale);
        return Double.isNaN(std) ? m : m + " ± " + String.format(Locale.ROOT, pattern, std * scale);
    }
}
