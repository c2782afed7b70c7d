package io.lskd.metrics;

/**
 * The per-bin statistics behind an expected calibration error, for reliability diagrams.
 *
 * <p>Bin b of B covers confidences in {@code (b/B, (b+1)/B]} (bin 0 also holds confidence 0).
 * An empty bin has count 0 and NaN accuracy and confidence.
 *
 * @param counts n_b, the number of samples whose confidence falls in bin b
 * @param accuracies acc_b, the share of those samples whose predicted class is the label
 * @param confidences conf_b, the mean confidence (max probability) of those samples
 */
public record ReliabilityBins(long[] counts, double[] accuracies, double[] confidences) {

    /** Copies the arrays and checks they have one common length, the number of bins. */
    public ReliabilityBins {
        counts = counts.clone();
        accuracies = accuracies.clone();
        confidences = confidences.clone();
        if (accuracies.length != counts.length || confidences.length != counts.length) {
            throw new IllegalArgumentException("bins disagree in number: " + counts.length + " counts, "
                    + accuracies.length + " accuracies, " + confidences.length + " confidences");
        }
    }

    /** The number of bins B. */
    public int numBins() {
        return counts.length;
    }

    /** The exclusive lower edge of bin b, {@code b / B}. */
    public double lowerEdge(int b) {
        return ExpectedCalibrationError.edge(b, counts.length);
    }

    /** The inclusive upper edge of bin b, {@code (b + 1) / B}. */
    public double upperEdge(int b) {
        return ExpectedCalibrationError.edge(b + 1, counts.length);
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public double[] accuracies() {
        return accuracies.clone();
    }

    @Override
    public double[] confidences() {
        return confidences.clone();
    }
}
