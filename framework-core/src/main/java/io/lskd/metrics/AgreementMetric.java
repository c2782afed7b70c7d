package io.lskd.metrics;

import io.lskd.spi.Metric;

/**
 * Teacher-student agreement, reported as {@code "agreement"}: the share of samples whose
 * predicted class equals the reference model's predicted class,
 * {@code (1/N) sum_i [argmax_j p_ij == argmax_j r_ij]}, argmax taking the lowest index on ties.
 * The true labels are validated but play no part.
 *
 * <p>Why: distillation is judged by how well the student reproduces the teacher, not only by
 * its own accuracy. {@link #add} throws {@link IllegalArgumentException} when the reference is
 * null, since without it there is nothing to agree with.
 */
public final class AgreementMetric implements Metric {

    private final BatchCheck check = new BatchCheck(name(), 0);
    private long agreeing;
    private long count;

    @Override
    public String name() {
        return "agreement";
    }

    @Override
    public void add(double[][] probabilities, int[] labels, double[][] reference) {
        check.checkWithReference(probabilities, labels, reference);
        for (int i = 0; i < labels.length; i++) {
            if (Rows.argmax(probabilities[i]) == Rows.argmax(reference[i])) {
                agreeing++;
            }
        }
        count += labels.length;
    }

    @Override
    public double result() {
        return count == 0 ? Double.NaN : (double) agreeing / count;
    }
}
