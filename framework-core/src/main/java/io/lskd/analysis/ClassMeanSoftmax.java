package io.lskd.analysis;

/**
 * The class-averaged softmax vector per true class (Müller et al. 2019 and Shen et al. 2021's
 * second view of what label smoothing erases): row c is pbar_c = (1/n_c) sum_{i: y_i = c} p_i,
 * streamed as per-class sums. A class without samples has a row of NaN.
 */
public final class ClassMeanSoftmax {

    private final int numClasses;
    private final long[] counts;
    private final double[][] sums;

    public ClassMeanSoftmax(int numClasses) {
        this.numClasses = numClasses;
        counts = new long[numClasses];
        sums = new double[numClasses][numClasses];
    }

    /** Adds probability rows [B][K] with their true classes. */
    public void add(double[][] probabilities, int[] labels) {
        for (int i = 0; i < labels.length; i++) {
            if (probabilities[i].length != numClasses) {
                throw new IllegalArgumentException("row " + i + " has " + probabilities[i].length + " probabilities, "
                        + "expected " + numClasses);
            }
            counts[labels[i]]++;
            for (int j = 0; j < numClasses; j++) {
                sums[labels[i]][j] += probabilities[i][j];
            }
        }
    }

    /** pbar, [K][K]. */
    public double[][] result() {
        double[][] out = new double[numClasses][numClasses];
        for (int c = 0; c < numClasses; c++) {
            for (int j = 0; j < numClasses; j++) {
                out[c][j] = sums[c][j] / counts[c];
            }
        }
        return out;
    }
}
