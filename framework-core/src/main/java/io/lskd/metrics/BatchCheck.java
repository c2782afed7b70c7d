package io.lskd.metrics;

/**
 * Validates the batches fed to one metric: probabilities and labels of matching length, every
 * row of the same width K (given, or taken from the first non-empty batch), labels in
 * {@code [0, K)}, every probability finite; the reference, when checked, of the same shape.
 *
 * <p>Why a separate class: each metric validates the same way and reports the same messages,
 * which name the metric, the row in the batch, the sample index over all batches so far and
 * the offending value. A batch is validated completely before the metric updates anything, so
 * a rejected batch leaves the metric unchanged.
 */
final class BatchCheck {

    private final String metric;
    private int numClasses;
    private long samplesSeen;

    /**
     * @param metric the metric's name, for messages
     * @param numClasses K, or 0 to take it from the first non-empty batch
     */
    BatchCheck(String metric, int numClasses) {
        if (numClasses < 0) {
            throw new IllegalArgumentException(metric + ": number of classes must be positive, got " + numClasses);
        }
        this.metric = metric;
        this.numClasses = numClasses;
    }

    /**
     * Checks a batch and, when it is valid, counts its rows as seen.
     *
     * @return the number of classes K (0 only while every batch so far was empty)
     */
    int check(double[][] probabilities, int[] labels) {
        int k = checkModel(probabilities, labels);
        commit(k, probabilities.length);
        return k;
    }

    /**
     * Checks a batch together with its reference probabilities (same number of rows, same
     * width K, finite) and, when both are valid, counts the rows as seen.
     *
     * @return the number of classes K (0 only while every batch so far was empty)
     */
    int checkWithReference(double[][] probabilities, int[] labels, double[][] reference) {
        if (reference == null) {
            throw new IllegalArgumentException(metric + ": needs reference probabilities, got null");
        }
        int k = checkModel(probabilities, labels);
        if (reference.length != probabilities.length) {
            throw new IllegalArgumentException(metric + ": " + probabilities.length + " probability rows but "
                    + reference.length + " reference rows");
        }
        for (int i = 0; i < reference.length; i++) {
            if (reference[i] == null) {
                throw new IllegalArgumentException(where(i) + "reference row is null");
            }
            checkRow(reference[i], k, i, "reference");
        }
        commit(k, probabilities.length);
        return k;
    }

    private int checkModel(double[][] probabilities, int[] labels) {
        if (probabilities == null || labels == null) {
            throw new IllegalArgumentException(metric + ": probabilities and labels must not be null");
        }
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException(metric + ": " + probabilities.length
                    + " probability rows but " + labels.length + " labels");
        }
        int k = numClasses;
        for (int i = 0; i < probabilities.length; i++) {
            double[] row = probabilities[i];
            if (row == null) {
                throw new IllegalArgumentException(where(i) + "probability row is null");
            }
            if (k == 0) {
                if (row.length == 0) {
                    throw new IllegalArgumentException(where(i) + "probability row is empty");
                }
                k = row.length;
            }
            checkRow(row, k, i, "probability");
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException(where(i) + "label " + labels[i] + " is outside [0, " + k + ")");
            }
        }
        return k;
    }

    private void commit(int k, int rows) {
        numClasses = k;
        samplesSeen += rows;
    }

    private void checkRow(double[] row, int k, int i, String what) {
        if (row.length != k) {
            throw new IllegalArgumentException(where(i) + what + " row has " + row.length
                    + " entries, expected " + k);
        }
        for (int j = 0; j < k; j++) {
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException(where(i) + what + "[" + j + "] = " + row[j] + " is not finite");
            }
        }
    }

    private String where(int i) {
        return metric + ": batch row " + i + " (sample " + (samplesSeen + i) + "): ";
    }
}
