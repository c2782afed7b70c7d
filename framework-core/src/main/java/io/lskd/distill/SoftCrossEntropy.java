package io.lskd.distill;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The soft cross-entropy {@code -sum_c q_c log p_c} of one row and its gradient with respect
 * to the logits, the building block that every distiller here shares.
 */
final class SoftCrossEntropy {

    private SoftCrossEntropy() {}

    /** {@code -sum_c q_c log p_c}. */
    static double value(double[] logP, double[] q) {
        double sum = 0.0;
        for (int c = 0; c < q.length; c++) {
            sum -= q[c] * logP[c];
        }
        return sum;
    }

    /**
     * {@code scale * d/dz (-sum_c q_c log softmax(z)_c) = scale * (p * sum(q) - q)}: the usual
     * {@code p - q} when q sums to 1, written out in full so it stays exact when it does not.
     */
    static double[] gradient(double[] logP, double[] q, double scale) {
        double qSum = 0.0;
        for (double v : q) {
            qSum += v;
        }
        double[] p = LogSoftmax.exp(logP);
        double[] g = new double[q.length];
        for (int c = 0; c < q.length; c++) {
            g[c] = scale * (p[c] * qSum - q[c]);
        }
        return g;
    }

    /** The batch mean of {@code -sum_c q_c logP_c} over [B, K] variables, as a scalar. */
    static SDVariable graph(SDVariable logP, SDVariable q) {
        return q.mul(logP).sum(1).mean().neg();
    }
}
