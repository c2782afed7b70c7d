package io.lskd.metrics;

/**
 * The two per-row reductions several metrics share, with the package's tie rule in one place:
 * the predicted class is the argmax, the lowest index on ties.
 */
final class Rows {

    private Rows() {
    }

    /** The index of the largest entry, the lowest such index on ties. */
    static int argmax(double[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }

    /** The largest entry (the confidence of a probability row). */
    static double max(double[] row) {
        return row[argmax(row)];
    }
}
