package io.lskd.distill;

/** Row-wise log-softmax of logits at a temperature, in plain doubles. */
final class LogSoftmax {

    private LogSoftmax() {}

    /**
     * log softmax(z_i / T) for each row, computed as x - max(x) - log(sum(exp(x - max(x)))) so
     * that large logits neither overflow nor lose the small classes.
     */
    static double[][] of(double[][] logits, double temperature) {
        double[][] out = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            double[] row = logits[i];
            double max = Double.NEGATIVE_INFINITY;
            for (double z : row) {
                max = Math.max(max, z / temperature);
            }
            double sum = 0.0;
            for (double z : row) {
                sum += Math.exp(z / temperature - max);
            }
            double logSum = Math.log(sum);
            out[i] = new double[row.length];
            for (int c = 0; c < row.length; c++) {
                out[i][c] = row[c] / temperature - max - logSum;
            }
        }
        return out;
    }

    /** exp of every entry: probabilities from log-probabilities. */
    static double[] exp(double[] logP) {
        double[] p = new double[logP.length];
        for (int c = 0; c < logP.length; c++) {
            p[c] = Math.exp(logP[c]);
        }
        return p;
    }
}
