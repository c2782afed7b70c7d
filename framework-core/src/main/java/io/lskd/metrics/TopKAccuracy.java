package io.lskd.metrics;

import io.lskd.spi.Metric;

/**
 * Top-k accuracy, reported as {@code "top" + k} (e.g. {@code "top1"}, {@code "top5"}).
 *
 * <p>Formula: {@code top-k = (1/N) sum_i [rank_i < k]}, where the rank of the true label y of
 * sample i is its position when the classes are sorted by decreasing probability with ties
 * broken by lower index first (a stable sort):
 * <pre>rank_i = #{ j : p_ij &gt; p_iy } + #{ j &lt; y : p_ij == p_iy }</pre>
 *
 * <p>Tie rule, and why: a class tied with the label counts ahead of it exactly when its index
 * is lower. So top-1 is the share of samples whose argmax (lowest index on ties) is the label,
 * the same predicted class that {@link ExpectedCalibrationError} and {@link AgreementMetric}
 * use, and a uniform prediction is correct only for the classes with index &lt; k rather than
 * always (as a rule resolving ties in the label's favour would have it). This equals numpy's
 * {@code np.argsort(-p, kind="stable")[:k]} containing y.
 */
public final class TopKAccuracy implements Metric {

    private final int k;
    private final BatchCheck check;
    private long correct;
    private long count;

    /** @param k how many top-ranked classes may contain the label, at least 1 */
    public TopKAccuracy(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top-k accuracy needs k >= 1, got " + k);
        }
        this.k = k;
        this.check = new BatchCheck(name(), 0);
    }

    @Override
    public String name() {
        return "top" + k;
    }

    @Override
    public void add(double[][] probabilities, int[] labels, double[][] reference) {
        check.check(probabilities, labels);
        for (int i = 0; i < labels.length; i++) {
            if (rank(probabilities[i], labels[i]) < k) {
                correct++;
            }
        }
        count += labels.length;
    }

    @Override
    public double result() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }

    /** The label's position in the stable descending order of {@code row}, 0-based. */
    static int rank(double[] row, int label) {
        double p = row[label];
        int rank = 0;
        for (int j = 0; j < row.length; j++) {
            if (row[j] > p || (j < label && row[j] == p)) {
                rank++;
            }
        }
        return rank;
    }
}
