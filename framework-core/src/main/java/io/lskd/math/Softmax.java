package io.lskd.math;

/** Softmax in double precision, row by row, stable (the row maximum is subtracted first). */
public final class Softmax {

    private Softmax() {
    }

    /** softmax(z / T) of each row. */
    public static double[][] probabilities(double[][] logits, double temperature) {
        double[][] out = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            out[i] = row(logits[i], temperature);
        }
        return out;
    }

    public static double[] row(double[] z, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v / temperature);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            p[c] = Math.exp(z[c] / temperature - max);
            sum += p[c];
        }
        for (int c = 0; c < z.length; c++) {
            p[c] /= sum;
        }
        return p;
    }
}
