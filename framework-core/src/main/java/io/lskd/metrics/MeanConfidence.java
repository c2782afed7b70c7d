package io.lskd.metrics;

import io.lskd.spi.Metric;

/**
 * Mean confidence, reported as {@code "confidence"}: {@code (1/N) sum_i max_j p_ij}.
 *
 * <p>Why: label smoothing and distillation from a smoothed teacher both lower the confidence;
 * next to top-1 it tells over- from under-confidence at a glance (ECE gives the detail).
 */
public final class MeanConfidence implements Metric {

    private final BatchCheck check = new BatchCheck(name(), 0);
    private final CompensatedSum sum = new CompensatedSum();
    private long count;

    @Override
    public String name() {
        return "confidence";
    }

    @Override
    public void add(double[][] probabilities, int[] labels, double[][] reference) {
        check.check(probabilities, labels);
        for (double[] row : probabilities) {
            sum.add(Rows.max(row));
        }
        count += labels.length;
    }

    @Override
    public double result() {
        return count == 0 ? Double.NaN : sum.value() / count;
    }
}
