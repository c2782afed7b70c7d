package io.lskd.distill;

import io.lskd.config.Parameters;

/** Shape checks for a distiller's inputs, with messages that name the component and the argument. */
final class Batch {

    private Batch() {}

    /**
     * Checks that {@code x} is a non-empty rectangular [B][K] matrix with K at least 2 and
     * returns {B, K}.
     */
    static int[] shape(String component, String name, double[][] x) {
        if (x == null) {
            throw new IllegalArgumentException(component + ": " + name + " must not be null");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(component + ": " + name + " must have at least one row");
        }
        int k = x[0] == null ? 0 : x[0].length;
        for (int i = 1; i < x.length; i++) {
            if (x[i] == null || x[i].length != k) {
                throw new IllegalArgumentException(component + ": " + name + " row " + i + " has "
                        + (x[i] == null ? "no" : x[i].length) + " columns, row 0 has " + k);
            }
        }
        Parameters.numClasses(component, k);
        return new int[] {x.length, k};
    }

    /** Checks that {@code x} has the same [B][K] shape as the student logits. */
    static void sameShape(String component, String name, double[][] x, int[] studentShape) {
        int[] s = shape(component, name, x);
        if (s[0] != studentShape[0] || s[1] != studentShape[1]) {
            throw new IllegalArgumentException(component + ": " + name + " is [" + s[0] + "][" + s[1]
                    + "] but studentLogits is [" + studentShape[0] + "][" + studentShape[1] + "]");
        }
    }

    /** The index of the largest entry of each row (the first, on ties): the hard label of a target row. */
    static int[] argmax(double[][] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int best = 0;
            for (int c = 1; c < rows[i].length; c++) {
                if (rows[i][c] > rows[i][best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
