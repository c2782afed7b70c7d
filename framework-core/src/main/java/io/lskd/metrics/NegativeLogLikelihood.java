package io.lskd.metrics;

import io.lskd.spi.Metric;

/**
 * Negative log-likelihood of the true labels, reported as {@code "nll"}.
 *
 * <p>Formula: {@code nll = (1/N) sum_i -log(max(p_iy, Double.MIN_NORMAL))}, y the true label.
 *
 * <p>The only clamp is the one written there: a probability below {@link Double#MIN_NORMAL}
 * (about 2.2e-308, including 0 and negative values) is raised to it, so a sample can add at
 * most {@code -log(MIN_NORMAL) ≈ 708.40} instead of infinity. Anything from MIN_NORMAL up is
 * used as it is; in particular there is no 1e-12 floor, which would hide badly wrong
 * confident predictions.
 */
public final class NegativeLogLikelihood implements Metric {

    private final BatchCheck check = new BatchCheck(name(), 0);
    private final CompensatedSum sum = new CompensatedSum();
    private long count;

    @Override
    public String name() {
        return "nll";
    }

    @Override
    public void add(double[][] probabilities, int[] labels, double[][] reference) {
        check.check(probabilities, labels);
        for (int i = 0; i < labels.length; i++) {
            sum.add(-Math.log(Math.max(probabilities[i][labels[i]], Double.MIN_NORMAL)));
        }
        count += labels.length;
    }

    @Override
    public double result() {
        return count == 0 ? Double.NaN : sum.value() / count;
    }
}
