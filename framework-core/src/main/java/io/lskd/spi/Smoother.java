package io.lskd.spi;

/**
 * Turns hard labels into training target distributions (label smoothing and its relatives).
 * Implementations are pure and state the formula and the convention they follow.
 */
public interface Smoother {

    /** The registered name, e.g. {@code "uniform"}. */
    String name();

    /**
     * The target distribution for one sample.
     *
     * @param label the true class, in {@code [0, numClasses)}
     * @param numClasses K, at least 2
     * @return a fresh array of length K that sums to 1
     */
    double[] target(int label, int numClasses);

    /** Targets for a batch; one row per label. */
    default double[][] targets(int[] labels, int numClasses) {
        double[][] out = new double[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            out[i] = target(labels[i], numClasses);
        }
        return out;
    }
}
