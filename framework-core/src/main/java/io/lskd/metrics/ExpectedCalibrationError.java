package io.lskd.metrics;

import io.lskd.spi.Metric;

/**
 * Expected calibration error over B equal-width confidence bins (15 by default), reported as
 * {@code "ece"}.
 *
 * <p>Per sample: confidence c = max_j p_j, predicted class = argmax_j p_j (lowest index on
 * ties), correct when the predicted class is the label. Bin b in {@code 0..B-1} holds the
 * confidences in {@code (e_b, e_(b+1)]} with edges {@code e_b = b / B} (the double nearest to
 * it); c = 0 goes to bin 0, and a c above 1 (rounding) to bin B-1. With n_b samples in bin b,
 * acc_b their accuracy and conf_b their mean confidence:
 * <pre>ECE = sum_b (n_b / N) |acc_b - conf_b|</pre>
 *
 * <p>In exact arithmetic the bin is {@code ceil(c * B) - 1}. In doubles {@code c * B} can round
 * across an integer (it does, for instance, for the double just above 11/15), so that index is
 * only a first guess, corrected against the edges; a confidence exactly equal to an edge
 * {@code j / B} thus always lands in bin j-1. numpy's
 * {@code np.searchsorted(np.arange(B + 1) / B, c, side="left") - 1} gives the same bins.
 *
 * <p>{@link #bins()} exposes n_b, acc_b and conf_b for a reliability diagram.
 */
public final class ExpectedCalibrationError implements Metric {

    /** The number of bins of the paper's and the recipes' ECE. */
    public static final int DEFAULT_BINS = 15;

    private final BatchCheck check = new BatchCheck(name(), 0);
    private final long[] counts;
    private final long[] correct;
    private final CompensatedSum[] confidenceSums;
    private long total;

    /** ECE with {@link #DEFAULT_BINS} bins. */
    public ExpectedCalibrationError() {
        this(DEFAULT_BINS);
    }

    /** @param numBins B, at least 1 */
    public ExpectedCalibrationError(int numBins) {
        if (numBins < 1) {
            throw new IllegalArgumentException("ece needs at least 1 bin, got " + numBins);
        }
        counts = new long[numBins];
        correct = new long[numBins];
        confidenceSums = new CompensatedSum[numBins];
        for (int b = 0; b < numBins; b++) {
            confidenceSums[b] = new CompensatedSum();
        }
    }

    @Override
    public String name() {
        return "ece";
    }

    @Override
    public void add(double[][] probabilities, int[] labels, double[][] reference) {
        check.check(probabilities, labels);
        for (int i = 0; i < labels.length; i++) {
            int predicted = Rows.argmax(probabilities[i]);
            double confidence = probabilities[i][predicted];
            int b = bin(confidence, counts.length);
            counts[b]++;
            if (predicted == labels[i]) {
                correct[b]++;
            }
            confidenceSums[b].add(confidence);
        }
        total += labels.length;
    }

    @Override
    public double result() {
        if (total == 0) {
            return Double.NaN;
        }
        CompensatedSum ece = new CompensatedSum();
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] > 0) {
                double accuracy = (double) correct[b] / counts[b];
                double confidence = confidenceSums[b].value() / counts[b];
                ece.add((double) counts[b] / total * Math.abs(accuracy - confidence));
            }
        }
        return ece.value();
    }

    /** The per-bin counts, accuracies and mean confidences so far. */
    public ReliabilityBins bins() {
        int numBins = counts.length;
        double[] accuracies = new double[numBins];
        double[] confidences = new double[numBins];
        for (int b = 0; b < numBins; b++) {
            accuracies[b] = counts[b] == 0 ? Double.NaN : (double) correct[b] / counts[b];
            confidences[b] = counts[b] == 0 ? Double.NaN : confidenceSums[b].value() / counts[b];
        }
        return new ReliabilityBins(counts, accuracies, confidences);
    }

    /** The bin of confidence c among B: the b with e_b &lt; c &lt;= e_(b+1), clamped to [0, B). */
    static int bin(double c, int numBins) {
        int b = Math.min(numBins - 1, Math.max(0, (int) Math.ceil(c * numBins) - 1));
        while (b > 0 && c <= edge(b, numBins)) {
            b--;
        }
        while (b < numBins - 1 && c > edge(b + 1, numBins)) {
            b++;
        }
        return b;
    }

    /** Edge e_b = b / B, correctly rounded. */
    static double edge(int b, int numBins) {
        return (double) b / numBins;
    }
}
